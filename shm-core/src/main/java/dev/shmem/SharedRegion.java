package dev.shmem;

import dev.shmem.internal.lock.MappedLock;
import dev.shmem.internal.lock.MappedReentrantLock;
import dev.shmem.internal.lock.MappedSemaphore;
import dev.shmem.internal.queue.MappedQueue;
import dev.shmem.internal.value.MappedDouble;
import dev.shmem.internal.value.MappedDoubleArray;
import dev.shmem.internal.value.MappedInt;
import dev.shmem.internal.value.MappedIntArray;
import dev.shmem.internal.value.MappedLong;
import dev.shmem.internal.value.MappedLongArray;

import dev.shmem.internal.lock.LockWord;
import dev.shmem.internal.lock.SemaphoreDescriptor;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionFiles;
import dev.shmem.internal.region.RegionLayout;
import dev.shmem.internal.wait.Sleepers;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A region of shared memory: one memory-mapped file that several JVM processes open by path and share named
 * entries in, the way Python's {@code multiprocessing} shares {@code Value}, {@code Array}, {@code Lock} and
 * {@code Semaphore} between processes.
 *
 * <pre>{@code
 * try (SharedRegion region = SharedRegion.openOrCreate(Path.of("/dev/shm/demo.shm"), 1 << 20)) {
 *     SharedLong hits = region.longValue("hits");            // get-or-create by name, starts at 0
 *     hits.incrementAndGet();
 * }
 * }</pre>
 *
 * <h2>Entries</h2>
 * Values ({@link #intValue}, {@link #longValue}, {@link #doubleValue}), arrays ({@link #intArray},
 * {@link #longArray}, {@link #doubleArray}), locks ({@link #lock}, {@link #reentrantLock}), semaphores
 * ({@link #semaphore}, {@link #boundedSemaphore}) and queues ({@link #queue}). Every factory method is
 * get-or-create by name: the first caller in
 * any process creates the entry (zero-filled), later callers in any process get the same memory. A name is 1 to
 * 127 UTF-8 bytes of printable characters. Asking for an existing name as another type, or an array with another
 * length, throws {@link IllegalStateException} naming both. Entries are never removed; a region that has no room
 * left for an entry throws {@link RegionFullException} and keeps everything it had. The handles returned are
 * cheap, immutable and thread-safe; ask once and keep them.
 *
 * <h2>Files</h2>
 * A new file is created with {@code CREATE_NEW} and without following links, mode {@code 0600} unless
 * {@link Builder#permissions} says otherwise, zero-filled to its capacity (so a full {@code /dev/shm} fails here
 * with an {@link IOException}, never later with a bus error), and published with its header state written last.
 * {@link #open} validates the header (magic, version, byte order, capacity against the file size, every offset
 * against the capacity, every directory record) before it maps a byte, and throws
 * {@link InvalidRegionException} for a file that is not a valid region; that file is not written to. A file
 * whose creator is still initialising it is waited for, up to 5 seconds from its last modification.
 * Two processes racing {@link #openOrCreate} on a new path both succeed and share one region.
 *
 * <h2>Processes and closing</h2>
 * Opening a region attaches this JVM to the region's process table (one slot per JVM and file, shared by every
 * {@code SharedRegion} of this JVM on that file); {@link #close} of the last of them detaches it. The file itself
 * stays until deleted: a region outlives the processes that use it, like a file in {@code /dev/shm}. Handles
 * obtained from a region keep its mapping alive and stay usable after {@code close}; the memory is unmapped when
 * the last of them is garbage collected, so no handle ever touches unmapped memory. Factory methods of a closed
 * region throw {@link IllegalStateException}.
 *
 * <h2>Memory consistency effects</h2>
 * The creation of an entry, including its initial value, happens-before any access through a handle to it
 * obtained in any process. Each handle documents the ordering of its operations.
 */
public final class SharedRegion implements SharedSpace
{
    /** Default mode of new region files: owner read and write ({@code 0600}). */
    public static final Set<PosixFilePermission> DEFAULT_PERMISSIONS =
        Set.copyOf(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    /** Default time an opener waits for a creator that is still initialising the file. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(5);

    private final Path path;
    private final Attachment attachment;
    private final MappedRegion mapped;
    private volatile boolean closed;

    private SharedRegion(final Path path, final Attachment attachment)
    {
        this.path = path;
        this.attachment = attachment;
        this.mapped = attachment.region();
    }

    /**
     * Creates a new region file.
     *
     * @param path          the file to create, typically under {@code /dev/shm}.
     * @param capacityBytes size of the file: 64 KiB to 2 GiB - 4 KiB.
     * @return the open region.
     * @throws FileAlreadyExistsException if the path exists (a symbolic link included).
     * @throws IllegalArgumentException   if the capacity is out of range.
     * @throws IOException                if the file cannot be created, filled or mapped.
     */
    public static SharedRegion create(final Path path, final long capacityBytes) throws IOException
    {
        return builder(path).capacity(capacityBytes).create();
    }

    /**
     * Opens an existing region file.
     *
     * @param path the file.
     * @return the open region.
     * @throws NoSuchFileException     if it does not exist.
     * @throws InvalidRegionException  if it is not a valid region.
     * @throws IOException             if it is a symbolic link or cannot be read or mapped.
     */
    public static SharedRegion open(final Path path) throws IOException
    {
        return builder(path).open();
    }

    /**
     * Opens the region file, creating it if it does not exist. The capacity is used only if this call creates
     * the file; {@link #capacity()} tells the capacity of an existing one.
     *
     * @param path          the file.
     * @param capacityBytes size of the file if it is created.
     * @return the open region.
     * @throws InvalidRegionException   if an existing file is not a valid region.
     * @throws IllegalArgumentException if the capacity is out of range.
     * @throws IOException              if it is a symbolic link or cannot be created, read or mapped.
     */
    public static SharedRegion openOrCreate(final Path path, final long capacityBytes) throws IOException
    {
        return builder(path).capacity(capacityBytes).openOrCreate();
    }

    /**
     * @param path the region file.
     * @return a builder for the less common options (permissions, initialisation timeout).
     */
    public static Builder builder(final Path path)
    {
        return new Builder(path);
    }

    /**
     * @return the region file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the region's size in bytes, as set by its creator.
     */
    public long capacity()
    {
        return mapped.layout().capacity();
    }

    /**
     * @return true once {@link #close} has been called on this handle.
     */
    public boolean isClosed()
    {
        return closed;
    }

    /**
     * Detaches this handle; the last handle of this JVM on the file releases its process slot. Idempotent.
     * The file is not deleted.
     */
    @Override
    public void close()
    {
        synchronized (this)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        attachment.release();
    }

    /**
     * @param name entry name.
     * @return the {@code int} value of that name, created as 0 if new.
     */
    @Override
    public SharedInt intValue(final String name)
    {
        final EntryRecord entry = entry(name, EntryType.INT_VALUE, 1);
        return new MappedInt(entry.name(), view(entry));
    }

    /**
     * @param name entry name.
     * @return the {@code long} value of that name, created as 0 if new.
     */
    @Override
    public SharedLong longValue(final String name)
    {
        final EntryRecord entry = entry(name, EntryType.LONG_VALUE, 1);
        return new MappedLong(entry.name(), view(entry));
    }

    /**
     * @param name entry name.
     * @return the {@code double} value of that name, created as 0.0 if new.
     */
    @Override
    public SharedDouble doubleValue(final String name)
    {
        final EntryRecord entry = entry(name, EntryType.DOUBLE_VALUE, 1);
        return new MappedDouble(entry.name(), view(entry));
    }

    /**
     * @param name   entry name.
     * @param length number of elements; must match an existing array's length.
     * @return the {@code int} array of that name, created zero-filled if new.
     */
    @Override
    public SharedIntArray intArray(final String name, final int length)
    {
        final EntryRecord entry = entry(name, EntryType.INT_ARRAY, checkLength(name, length));
        return new MappedIntArray(entry.name(), view(entry), length);
    }

    /**
     * @param name   entry name.
     * @param length number of elements; must match an existing array's length.
     * @return the {@code long} array of that name, created zero-filled if new.
     */
    @Override
    public SharedLongArray longArray(final String name, final int length)
    {
        final EntryRecord entry = entry(name, EntryType.LONG_ARRAY, checkLength(name, length));
        return new MappedLongArray(entry.name(), view(entry), length);
    }

    /**
     * @param name   entry name.
     * @param length number of elements; must match an existing array's length.
     * @return the {@code double} array of that name, created zero-filled if new.
     */
    @Override
    public SharedDoubleArray doubleArray(final String name, final int length)
    {
        final EntryRecord entry = entry(name, EntryType.DOUBLE_ARRAY, checkLength(name, length));
        return new MappedDoubleArray(entry.name(), view(entry), length);
    }

    /**
     * @param name entry name.
     * @return the non-reentrant lock of that name, created free if new.
     */
    @Override
    public SharedLock lock(final String name)
    {
        final EntryRecord entry = entry(name, EntryType.LOCK, 1);
        return new MappedLock(entry.name(), new LockWord(entry.name(), view(entry), attachment, Sleepers.get()));
    }

    /**
     * @param name entry name.
     * @return the reentrant lock of that name, created free if new.
     */
    @Override
    public SharedReentrantLock reentrantLock(final String name)
    {
        final EntryRecord entry = entry(name, EntryType.REENTRANT_LOCK, 1);
        return new MappedReentrantLock(
            entry.name(), new LockWord(entry.name(), view(entry), attachment, Sleepers.get()));
    }

    /**
     * @param name    entry name.
     * @param permits initial permits, used only if this call creates the semaphore.
     * @return the semaphore of that name.
     */
    @Override
    public SharedSemaphore semaphore(final String name, final int permits)
    {
        return semaphore(name, permits, EntryType.SEMAPHORE, MappedSemaphore.Bound.UNBOUNDED);
    }

    /**
     * @param name    entry name.
     * @param permits initial permits and bound, used only if this call creates the semaphore.
     * @return the bounded semaphore of that name: a release past its initial permits throws.
     */
    @Override
    public SharedSemaphore boundedSemaphore(final String name, final int permits)
    {
        return semaphore(name, permits, EntryType.BOUNDED_SEMAPHORE, MappedSemaphore.Bound.BOUNDED);
    }

    /**
     * @param name            entry name.
     * @param slots           capacity in messages (2 to 2^24); must match an existing queue's.
     * @param maxMessageBytes largest message (1 byte to 16 MiB); must match an existing queue's.
     * @return the queue of that name, created empty if new.
     */
    @Override
    public SharedQueue queue(final String name, final int slots, final int maxMessageBytes)
    {
        if (slots < QueueDescriptor.MIN_SLOTS || slots > QueueDescriptor.MAX_SLOTS)
        {
            throw new IllegalArgumentException("queue " + name + " slots " + slots + " out of range: expected " +
                QueueDescriptor.MIN_SLOTS + " to " + QueueDescriptor.MAX_SLOTS);
        }
        if (maxMessageBytes < 1 || maxMessageBytes > QueueDescriptor.MAX_MESSAGE_BYTES)
        {
            throw new IllegalArgumentException("queue " + name + " max message bytes " + maxMessageBytes +
                " out of range: expected 1 to " + QueueDescriptor.MAX_MESSAGE_BYTES);
        }
        checkOpen();
        final int stride = QueueDescriptor.slotStride(maxMessageBytes);
        final EntryRecord entry = mapped.directory().getOrCreate(
            attachment.processStamp(), name, EntryType.QUEUE, slots, maxMessageBytes,
            offset ->
            {
                // Plain writes: published by the directory's release store of the record's READY state.
                final AtomicBuffer buffer = mapped.buffer();
                buffer.putInt(offset + QueueDescriptor.SLOTS_OFFSET, slots);
                buffer.putInt(offset + QueueDescriptor.MAX_MESSAGE_BYTES_OFFSET, maxMessageBytes);
                buffer.putInt(offset + QueueDescriptor.SLOT_STRIDE_OFFSET, stride);
                for (int i = 0; i < slots; i++)
                {
                    buffer.putLong(offset + QueueDescriptor.SLOTS_START + i * stride, i);
                }
            });
        return new MappedQueue(entry.name(), view(entry), attachment, Sleepers.get(), slots, maxMessageBytes, stride);
    }

    @Override
    public <K, V> SharedMap<K, V> map(
        final String name, final Class<K> keyType, final Class<V> valueType, final int maxEntries,
        final int maxEntryBytes)
    {
        throw new UnsupportedOperationException("map: in progress");
    }

    @Override
    public SharedEvent event(final String name)
    {
        throw new UnsupportedOperationException("event: in progress");
    }

    @Override
    public SharedBarrier barrier(final String name, final int parties)
    {
        throw new UnsupportedOperationException("barrier: in progress");
    }

    @Override
    public SharedCountDownLatch countDownLatch(final String name, final int count)
    {
        throw new UnsupportedOperationException("countDownLatch: in progress");
    }

    @Override
    public String toString()
    {
        return "SharedRegion[" + path + ", capacity " + capacity() + (closed ? ", closed]" : "]");
    }

    private EntryRecord entry(final String name, final EntryType type, final long length)
    {
        checkOpen();
        return mapped.directory().getOrCreate(attachment.processStamp(), name, type, length, 0, offset -> { });
    }

    private SharedSemaphore semaphore(
        final String name, final int permits, final EntryType type, final MappedSemaphore.Bound bound)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits " + permits + " for semaphore " + name +
                " is negative: expected 0 or more");
        }
        checkOpen();
        final EntryRecord entry = mapped.directory().getOrCreate(attachment.processStamp(), name, type, permits, 0,
            offset ->
            {
                // Plain writes: published by the directory's release store of the record's READY state.
                mapped.buffer().putInt(offset + SemaphoreDescriptor.PERMITS_OFFSET, permits);
                mapped.buffer().putInt(offset + SemaphoreDescriptor.INITIAL_PERMITS_OFFSET, permits);
            });
        return new MappedSemaphore(entry.name(), view(entry), attachment, Sleepers.get(), bound);
    }

    private AtomicBuffer view(final EntryRecord entry)
    {
        return new UnsafeBuffer(mapped.buffer(), entry.dataOffset(), entry.dataBytes());
    }

    private void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("region " + path + " is closed");
        }
    }

    private static int checkLength(final String name, final int length)
    {
        if (length < 0)
        {
            throw new IllegalArgumentException("array length " + length + " for " + name +
                " is negative: expected 0 or more");
        }
        return length;
    }

    /**
     * Options for opening or creating a region beyond path and capacity.
     */
    public static final class Builder
    {
        private final Path path;
        private long capacity = -1;
        private Set<PosixFilePermission> permissions = DEFAULT_PERMISSIONS;
        private Duration initTimeout = DEFAULT_INIT_TIMEOUT;

        private Builder(final Path path)
        {
            this.path = Objects.requireNonNull(path, "path");
        }

        /**
         * @param capacityBytes capacity of a region this builder creates.
         * @return this builder.
         */
        public Builder capacity(final long capacityBytes)
        {
            this.capacity = capacityBytes;
            return this;
        }

        /**
         * @param permissions POSIX permissions of a file this builder creates (default {@code rw-------}).
         * @return this builder.
         */
        public Builder permissions(final Set<PosixFilePermission> permissions)
        {
            this.permissions = Set.copyOf(permissions);
            return this;
        }

        /**
         * @param timeout how long {@code open} waits for a creator still initialising the file, counted from the
         *                file's last modification (default 5 s).
         * @return this builder.
         */
        public Builder initTimeout(final Duration timeout)
        {
            if (timeout.isNegative())
            {
                throw new IllegalArgumentException("init timeout " + timeout + " is negative");
            }
            this.initTimeout = timeout;
            return this;
        }

        /**
         * @return a new region; see {@link SharedRegion#create}.
         * @throws IOException as {@link SharedRegion#create}.
         */
        public SharedRegion create() throws IOException
        {
            final RegionLayout layout = RegionLayout.forCapacity(capacity);
            return attach(RegionFiles.create(path, layout, permissions));
        }

        /**
         * @return the existing region; see {@link SharedRegion#open}.
         * @throws IOException as {@link SharedRegion#open}.
         */
        public SharedRegion open() throws IOException
        {
            return attach(RegionFiles.open(path, initTimeout, false));
        }

        /**
         * @return the region, created if needed; see {@link SharedRegion#openOrCreate}.
         * @throws IOException as {@link SharedRegion#openOrCreate}.
         */
        public SharedRegion openOrCreate() throws IOException
        {
            final RegionLayout layout = RegionLayout.forCapacity(capacity);
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return attach(RegionFiles.create(path, layout, permissions));
                }
                catch (final FileAlreadyExistsException exists)
                {
                    try
                    {
                        return open();
                    }
                    catch (final NoSuchFileException gone)
                    {
                        // Deleted between our create and open: try again, a bounded number of times.
                        if (attempt >= 10)
                        {
                            throw gone;
                        }
                    }
                }
            }
        }

        private SharedRegion attach(final MappedRegion region)
        {
            return new SharedRegion(path, Attachment.attach(region));
        }
    }
}

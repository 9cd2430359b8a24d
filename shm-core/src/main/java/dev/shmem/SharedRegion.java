package dev.shmem;

import dev.shmem.internal.lock.MappedLock;
import dev.shmem.internal.lock.MappedReentrantLock;
import dev.shmem.internal.lock.MappedSemaphore;
import dev.shmem.internal.map.Codec;
import dev.shmem.internal.map.Codecs;
import dev.shmem.internal.map.MapDescriptor;
import dev.shmem.internal.map.MapGeometry;
import dev.shmem.internal.map.MappedMap;
import dev.shmem.internal.queue.MappedQueue;
import dev.shmem.internal.sync.BarrierDescriptor;
import dev.shmem.internal.sync.CountDownLatchDescriptor;
import dev.shmem.internal.sync.MappedBarrier;
import dev.shmem.internal.sync.MappedCountDownLatch;
import dev.shmem.internal.sync.MappedEvent;
import dev.shmem.internal.value.MappedDouble;
import dev.shmem.internal.value.MappedDoubleArray;
import dev.shmem.internal.value.MappedInt;
import dev.shmem.internal.value.MappedIntArray;
import dev.shmem.internal.value.MappedLong;
import dev.shmem.internal.value.MappedLongArray;

import dev.shmem.internal.lock.LockWord;
import dev.shmem.internal.lock.SemaphoreDescriptor;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.AgronaAccess;
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
 * ({@link #semaphore}, {@link #boundedSemaphore}), queues ({@link #queue}), maps ({@link #map}), events
 * ({@link #event}), barriers ({@link #barrier}), count-down latches ({@link #countDownLatch}) and the locks' named
 * conditions ({@link RobustLock#newCondition(String)}, entry {@code lockName/conditionName}). Every factory method is
 * get-or-create by name: the first caller in
 * any process creates the entry (zero-filled), later callers in any process get the same memory. A name is 1 to
 * 127 UTF-8 bytes of printable characters. Asking for an existing name as another type, or an array with another
 * length, throws {@link IllegalStateException} naming both. Entries are never removed; a region that has no room
 * left for an entry throws {@link RegionFullException} and keeps everything it had. The handles returned are
 * cheap and thread-safe; ask once and keep them. Their state is in the region, except a few per-handle timing
 * caches (when a lock or semaphore handle last checked a holder's liveness or logged a long wait), which only make
 * a check happen a little earlier or later.
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
     * @throws IllegalStateException if this JVM was started without
     *         {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (so do every factory above).
     */
    public static Builder builder(final Path path)
    {
        AgronaAccess.check();
        // Loads JNA (the futex) in the background while this thread maps the region: a fresh JVM's first wait or
        // wake then finds it loaded, or waits for less of it.
        Sleepers.preload();
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
     * @return how many named entries the region can hold, as set by its creator ({@link Builder#maxEntries}).
     */
    public int maxEntries()
    {
        return mapped.layout().maxEntries();
    }

    /**
     * @return how many processes can be attached to the region at once, as set by its creator
     * ({@link Builder#maxProcesses}).
     */
    public int maxProcesses()
    {
        return mapped.layout().processSlots();
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
     * @param slots           capacity in messages (2 to 2^24), rounded up to a power of two (so that a position's
     *                        slot is found with a mask; {@link SharedQueue#capacity()} reports the rounded count);
     *                        must round to an existing queue's.
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
        final int ring = org.agrona.BitUtil.findNextPositivePowerOfTwo(slots);
        if (maxMessageBytes < 1 || maxMessageBytes > QueueDescriptor.MAX_MESSAGE_BYTES)
        {
            throw new IllegalArgumentException("queue " + name + " max message bytes " + maxMessageBytes +
                " out of range: expected 1 to " + QueueDescriptor.MAX_MESSAGE_BYTES);
        }
        checkOpen();
        if (mapped.layout().processSlots() > QueueDescriptor.MAX_PROCESS_SLOTS)
        {
            throw new IllegalStateException("queue " + name + " cannot be held by a region of " +
                mapped.layout().processSlots() + " process slots: a queue's slot word names its claimer in 8 bits " +
                "of process slot, so queues need maxProcesses <= " + QueueDescriptor.MAX_PROCESS_SLOTS);
        }
        final int stride = QueueDescriptor.slotStride(maxMessageBytes);
        final EntryRecord entry = mapped.directory().getOrCreate(
            attachment.processStamp(), name, EntryType.QUEUE, ring, maxMessageBytes,
            offset ->
            {
                // Plain writes: published by the directory's release store of the record's READY state.
                final AtomicBuffer buffer = mapped.buffer();
                buffer.putInt(offset + QueueDescriptor.SLOTS_OFFSET, ring);
                buffer.putInt(offset + QueueDescriptor.MAX_MESSAGE_BYTES_OFFSET, maxMessageBytes);
                buffer.putInt(offset + QueueDescriptor.SLOT_STRIDE_OFFSET, stride);
                for (int i = 0; i < ring; i++)
                {
                    buffer.putLong(offset + QueueDescriptor.SLOTS_START + i * stride, i);
                }
            });
        final AtomicBuffer view = view(entry);
        // Plain reads: the entry was published by the directory's release store of READY, read with acquire.
        final int storedStride = view.getInt(QueueDescriptor.SLOT_STRIDE_OFFSET);
        if (view.getInt(QueueDescriptor.SLOTS_OFFSET) != ring ||
            view.getInt(QueueDescriptor.MAX_MESSAGE_BYTES_OFFSET) != maxMessageBytes ||
            storedStride < QueueDescriptor.SLOT_PAYLOAD_OFFSET + maxMessageBytes ||
            storedStride % QueueDescriptor.SLOT_ALIGNMENT != 0 ||
            QueueDescriptor.SLOTS_START + (long)ring * storedStride > entry.dataBytes())
        {
            throw new IllegalStateException("queue " + name + " in " + path + " holds " +
                view.getInt(QueueDescriptor.SLOTS_OFFSET) + " slots of stride " + storedStride + " for " +
                view.getInt(QueueDescriptor.MAX_MESSAGE_BYTES_OFFSET) + "-byte messages in " + entry.dataBytes() +
                " bytes: expected " + ring + " slots of " + maxMessageBytes + " bytes, a stride of at least " +
                (QueueDescriptor.SLOT_PAYLOAD_OFFSET + maxMessageBytes) + " (a multiple of " +
                QueueDescriptor.SLOT_ALIGNMENT + ") that fits (a corrupt file)");
        }
        return new MappedQueue(entry.name(), view, attachment, Sleepers.get(), ring, maxMessageBytes, storedStride);
    }

    /**
     * @param name          entry name.
     * @param keyType       key type: {@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code byte[]}
     *                      or any {@link java.io.Serializable} type (Java serialization); must match an existing
     *                      map's.
     * @param valueType     value type, as {@code keyType}.
     * @param maxEntries    most entries (1 to 2^24); must match an existing map's.
     * @param maxEntryBytes most bytes of one encoded key plus value (1 to 1 MiB); must match an existing map's.
     * @return the map of that name, created empty if new.
     * @throws IllegalArgumentException if a type has no codec or a size is out of range.
     * @throws IllegalStateException    if the name exists as another entry, or as a map of other types or sizes.
     * @throws RegionFullException      if a new map does not fit in the region.
     */
    @Override
    public <K, V> SharedMap<K, V> map(
        final String name, final Class<K> keyType, final Class<V> valueType, final int maxEntries,
        final int maxEntryBytes)
    {
        return map(name, Codecs.forClass(Objects.requireNonNull(keyType, "keyType")),
            Codecs.forClass(Objects.requireNonNull(valueType, "valueType")), maxEntries, maxEntryBytes);
    }

    /**
     * A map whose keys and values your own codecs encode. Keys are equal when their encoded bytes are.
     *
     * @param name          entry name.
     * @param keyCodec      key codec; its {@link MapCodec#typeName()} must match an existing map's key type name.
     * @param valueCodec    value codec, as {@code keyCodec}.
     * @param maxEntries    most entries (1 to 2^24); must match an existing map's.
     * @param maxEntryBytes most bytes of one encoded key plus value (1 to 1 MiB); must match an existing map's.
     * @param <K>           key type.
     * @param <V>           value type.
     * @return the map of that name, created empty if new.
     * @throws IllegalArgumentException if a size is out of range.
     * @throws IllegalStateException    if the name exists as another entry, or as a map of other types or sizes.
     * @throws RegionFullException      if a new map does not fit in the region.
     */
    public <K, V> SharedMap<K, V> map(
        final String name, final MapCodec<K> keyCodec, final MapCodec<V> valueCodec, final int maxEntries,
        final int maxEntryBytes)
    {
        return map(name, Codecs.forUser(Objects.requireNonNull(keyCodec, "keyCodec")),
            Codecs.forUser(Objects.requireNonNull(valueCodec, "valueCodec")), maxEntries, maxEntryBytes);
    }

    private <K, V> SharedMap<K, V> map(
        final String name, final Codec<K> keys, final Codec<V> values, final int maxEntries, final int maxEntryBytes)
    {
        if (maxEntries < 1 || maxEntries > MapDescriptor.MAX_ENTRIES)
        {
            throw new IllegalArgumentException("map " + name + " max entries " + maxEntries +
                " out of range: expected 1 to " + MapDescriptor.MAX_ENTRIES);
        }
        if (maxEntryBytes < 1 || maxEntryBytes > MapDescriptor.MAX_ENTRY_BYTES)
        {
            throw new IllegalArgumentException("map " + name + " max entry bytes " + maxEntryBytes +
                " out of range: expected 1 to " + MapDescriptor.MAX_ENTRY_BYTES);
        }
        checkOpen();
        final MapGeometry geometry = new MapGeometry(maxEntries, maxEntryBytes);
        final boolean[] created = new boolean[1];
        final EntryRecord entry = mapped.directory().getOrCreate(
            attachment.processStamp(), name, EntryType.MAP, maxEntries, maxEntryBytes,
            offset ->
            {
                created[0] = true;
                geometry.initialize(new UnsafeBuffer(mapped.buffer(), offset,
                    (int)MapDescriptor.length(maxEntries, maxEntryBytes)), keys.typeName(), values.typeName());
            });
        final AtomicBuffer buffer = view(entry);
        if (!created[0])
        {
            geometry.check(entry.name(), buffer, keys.typeName(), values.typeName());
        }
        return new MappedMap<>(entry.name(), buffer, geometry, keys, values, attachment, Sleepers.get());
    }

    /**
     * @param name entry name.
     * @return the event of that name, created clear if new.
     */
    @Override
    public SharedEvent event(final String name)
    {
        final EntryRecord entry = entry(name, EntryType.EVENT, 1);
        return new MappedEvent(entry.name(), view(entry), attachment, Sleepers.get());
    }

    /**
     * @param name    entry name.
     * @param parties parties that trip the barrier (1 or more); must match an existing barrier's.
     * @return the barrier of that name, created in its first generation if new.
     */
    @Override
    public SharedBarrier barrier(final String name, final int parties)
    {
        if (parties < 1)
        {
            throw new IllegalArgumentException("barrier " + name + " parties " + parties +
                " out of range: expected 1 or more");
        }
        checkOpen();
        final EntryRecord entry = mapped.directory().getOrCreate(attachment.processStamp(), name,
            EntryType.BARRIER, parties, 0,
            // Plain write: published by the directory's release store of the record's READY state.
            offset -> mapped.buffer().putInt(offset + BarrierDescriptor.PARTIES_OFFSET, parties));
        return new MappedBarrier(entry.name(), view(entry), attachment, Sleepers.get());
    }

    /**
     * @param name  entry name.
     * @param count initial count (0 or more), used only if this call creates the latch.
     * @return the count-down latch of that name.
     */
    @Override
    public SharedCountDownLatch countDownLatch(final String name, final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("count " + count + " for count-down latch " + name +
                " is negative: expected 0 or more");
        }
        checkOpen();
        final EntryRecord entry = mapped.directory().getOrCreate(attachment.processStamp(), name,
            EntryType.COUNT_DOWN_LATCH, count, 0,
            offset ->
            {
                // Plain writes: published by the directory's release store of the record's READY state.
                mapped.buffer().putLong(offset + CountDownLatchDescriptor.COUNT_OFFSET, count);
                mapped.buffer().putLong(offset + CountDownLatchDescriptor.INITIAL_COUNT_OFFSET, count);
            });
        return new MappedCountDownLatch(entry.name(), view(entry), attachment, Sleepers.get());
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
        if (permits < 0 && bound == MappedSemaphore.Bound.BOUNDED)
        {
            throw new IllegalArgumentException("permits " + permits + " for bounded semaphore " + name +
                " is negative: expected 0 or more (only an unbounded semaphore may start below zero)");
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
        private int maxEntries = -1;
        private int maxProcesses = -1;

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
         * Sets how many named entries a region this builder creates can hold (its directory records). The
         * directory is sized once, at creation: {@code 192 + 16..32} bytes of capacity per entry allowed, and a
         * lookup by name costs the same at any fill. An existing region keeps the number it was created with.
         *
         * @param maxEntries 1 or more (default: one per 4 KiB of capacity, at least 64).
         * @return this builder.
         * @throws IllegalArgumentException if it is less than 1.
         */
        public Builder maxEntries(final int maxEntries)
        {
            if (maxEntries < 1)
            {
                throw new IllegalArgumentException("maxEntries " + maxEntries + " is less than 1");
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /**
         * Sets how many processes can be attached at once to a region this builder creates (its process-table
         * slots; a process counts once however many handles it opens, and a dead or detached one frees its slot).
         * Each slot costs 64 bytes, plus 64 bytes in every semaphore. An existing region keeps the number it was
         * created with.
         *
         * @param maxProcesses 1 to 65535 (default: one per 256 KiB of capacity, from 128 to 255). A region with
         *                     more than 255 cannot hold queues yet (a queue's slot word has 8 bits of process slot).
         * @return this builder.
         * @throws IllegalArgumentException if it is out of range.
         */
        public Builder maxProcesses(final int maxProcesses)
        {
            if (maxProcesses < 1 || maxProcesses > RegionLayout.MAX_PROCESSES)
            {
                throw new IllegalArgumentException("maxProcesses " + maxProcesses + " is out of range: expected 1 " +
                    "to " + RegionLayout.MAX_PROCESSES);
            }
            this.maxProcesses = maxProcesses;
            return this;
        }

        /**
         * @return a new region; see {@link SharedRegion#create}.
         * @throws IOException as {@link SharedRegion#create}.
         */
        public SharedRegion create() throws IOException
        {
            return attach(RegionFiles.create(path, layout(), permissions));
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
            final RegionLayout layout = layout();
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

        private RegionLayout layout()
        {
            final RegionLayout defaults = RegionLayout.forCapacity(capacity);
            return RegionLayout.of(capacity, maxProcesses > 0 ? maxProcesses : defaults.processSlots(),
                maxEntries > 0 ? maxEntries : defaults.maxEntries());
        }

        private SharedRegion attach(final MappedRegion region)
        {
            return new SharedRegion(path, Attachment.attach(region));
        }
    }
}

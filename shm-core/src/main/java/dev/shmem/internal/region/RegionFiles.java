package dev.shmem.internal.region;

import dev.shmem.RegionCorruptException;
import dev.shmem.SharedRegion;
import dev.shmem.internal.liveness.ProcessLiveness;

import dev.shmem.InvalidRegionException;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static dev.shmem.internal.region.HeaderDescriptor.*;

/**
 * Creating, validating and mapping region files. Every check that can be made before mapping is made on bytes
 * read through the channel, so a file that lies about its size is refused before any mapped access (a read
 * past the end of a mapping is a SIGBUS).
 */
public final class RegionFiles
{
    private static final int ZERO_CHUNK = 1 << 20;

    private RegionFiles()
    {
    }

    /**
     * Creates a new region file, zero-filled (so tmpfs has reserved every page), with a complete header in state
     * READY.
     *
     * @param path file to create; must not exist, must not be a symbolic link.
     * @param layout layout for the requested capacity.
     * @param permissions POSIX permissions of the new file (ignored where the file system has none).
     * @return the mapped region.
     * @throws IOException if the file exists, is a link, or cannot be created, filled or mapped.
     */
    public static MappedRegion create(final Path path, final RegionLayout layout,
        final Set<PosixFilePermission> permissions) throws IOException
    {
        refuseSymlink(path);
        final boolean posix = Files.getFileStore(parentOf(path)).supportsFileAttributeView(PosixFileAttributeView.class);
        final FileAttribute<?>[] attributes = posix ?
            new FileAttribute<?>[]{ PosixFilePermissions.asFileAttribute(permissions) } : new FileAttribute<?>[0];
        final Set<OpenOption> options = Set.of(
            StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(path, options, attributes);
        }
        catch (final FileAlreadyExistsException ex)
        {
            refuseSymlink(path);
            throw new FileAlreadyExistsException(path.toString(), null,
                "region file already exists (use SharedRegion.open or openOrCreate)");
        }
        boolean done = false;
        try (channel)
        {
            if (posix)
            {
                // The attribute at creation is masked by the umask; set exactly what was asked.
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(permissions);
            }
            zeroFill(channel, layout.capacity());
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, layout.capacity());
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            buffer.putIntVolatile(STATE_OFFSET, STATE_INITIALISING);
            buffer.putLong(MAGIC_OFFSET, MAGIC);
            buffer.putInt(FORMAT_VERSION_OFFSET, FORMAT_VERSION);
            buffer.putInt(LAYOUT_OFFSET, nativeLayout());
            buffer.putLong(CAPACITY_OFFSET, layout.capacity());
            buffer.putInt(PROCESS_SLOTS_OFFSET, layout.processSlots());
            buffer.putLong(PROCESS_TABLE_OFFSET_OFFSET, layout.processTableOffset());
            buffer.putLong(INDEX_OFFSET_OFFSET, layout.indexOffset());
            buffer.putInt(INDEX_SLOTS_OFFSET, layout.indexSlots());
            buffer.putInt(MAX_ENTRIES_OFFSET, layout.maxEntries());
            buffer.putLong(RECORDS_OFFSET_OFFSET, layout.recordsOffset());
            buffer.putInt(RECORDS_USED_OFFSET, 0);
            buffer.putLong(DATA_OFFSET_OFFSET, layout.dataOffset());
            buffer.putLong(ALLOC_POINTER_OFFSET, layout.dataOffset());
            buffer.putLong(CREATOR_PID_OFFSET, ProcessLiveness.selfPid());
            buffer.putLong(CREATED_AT_OFFSET, System.currentTimeMillis());
            // Release: publishes every header field; pairs with the acquire load of the state in open().
            buffer.putIntRelease(STATE_OFFSET, STATE_READY);
            final Object fileKey = fileKey(path);
            done = true;
            return new MappedRegion(path, fileKey, buffer, layout);
        }
        finally
        {
            if (!done)
            {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Opens and validates an existing region file, waiting up to {@code initTimeout} (counted from the file's
     * last modification) for a creator that is still initialising it.
     *
     * @param path the file.
     * @param initTimeout how long a file may stay uninitialised before it is refused.
     * @param readOnly map read-only (for inspectors) instead of read-write.
     * @return the mapped, validated region.
     * @throws NoSuchFileException if it does not exist.
     * @throws InvalidRegionException if it is not a valid region.
     * @throws IOException for other I/O failures.
     */
    public static MappedRegion open(final Path path, final Duration initTimeout, final boolean readOnly)
        throws IOException
    {
        refuseSymlink(path);
        final Set<OpenOption> options = readOnly ?
            Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS) :
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        final FileChannel channel;
        try
        {
            channel = FileChannel.open(path, options);
        }
        catch (final NoSuchFileException ex)
        {
            throw new NoSuchFileException(path.toString(), null,
                "region file does not exist (use SharedRegion.create or openOrCreate)");
        }
        catch (final FileSystemException ex)
        {
            refuseSymlink(path);
            throw ex;
        }
        try (channel)
        {
            final BasicFileAttributes attributes =
                Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile())
            {
                throw new InvalidRegionException(path, "not a regular file");
            }
            final long deadline = deadline(attributes.lastModifiedTime().toMillis(), initTimeout);
            final UnsafeBuffer header = awaitReadyHeader(path, channel, deadline);
            final RegionLayout layout = validateHeader(path, header, channel.size());
            final MappedByteBuffer mapped = channel.map(
                readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE, 0, layout.capacity());
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            // Acquire: pairs with the creator's release store of READY; the fields validated again below are
            // then those the creator published.
            if (buffer.getIntAcquire(STATE_OFFSET) != STATE_READY)
            {
                throw new InvalidRegionException(path, "state changed from READY while opening");
            }
            validateHeader(path, buffer, channel.size());
            final MappedRegion region = new MappedRegion(path, attributes.fileKey(), buffer, layout);
            try
            {
                region.directory().validateAll();
            }
            catch (final RegionCorruptException ex)
            {
                throw new InvalidRegionException(path, ex.getMessage());
            }
            return region;
        }
    }

    private static UnsafeBuffer awaitReadyHeader(final Path path, final FileChannel channel, final long deadline)
        throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocateDirect(HEADER_LENGTH).order(ByteOrder.nativeOrder());
        final UnsafeBuffer header = new UnsafeBuffer(bytes);
        while (true)
        {
            final long size = channel.size();
            String notReady;
            if (size < HEADER_LENGTH)
            {
                if (size > 0 && hasNonZeroPrefix(channel, size))
                {
                    throw new InvalidRegionException(path, "file is " + size + " bytes, shorter than the " +
                        HEADER_LENGTH + "-byte region header: truncated or not a region");
                }
                notReady = size == 0 ? "file is empty (0 bytes)" : "file is " + size + " zero bytes";
            }
            else
            {
                bytes.clear();
                readFully(channel, bytes, 0);
                final long magic = header.getLong(MAGIC_OFFSET);
                final int state = header.getIntVolatile(STATE_OFFSET);
                if (magic == MAGIC && state == STATE_READY)
                {
                    return header;
                }
                if (magic == Long.reverseBytes(MAGIC))
                {
                    throw new InvalidRegionException(path, "region was written in the other byte order; shm " +
                        "regions use native byte order (" + ByteOrder.nativeOrder() + " here)");
                }
                if (magic == 0 && state == STATE_READY)
                {
                    throw new InvalidRegionException(path, "not a shm region: magic 0 with header state READY " +
                        "(a creator writes the magic before READY)");
                }
                if (magic != MAGIC && magic != 0)
                {
                    throw new InvalidRegionException(path, String.format(
                        "not a shm region: magic 0x%016X, expected 0x%016X (\"SHMREGN1\")", magic, MAGIC));
                }
                notReady = "header state is " + stateName(state) + " (creator pid " +
                    header.getLong(CREATOR_PID_OFFSET) + ")";
            }
            if (System.currentTimeMillis() >= deadline)
            {
                throw new InvalidRegionException(path, notReady + " and was never marked ready: not a region, " +
                    "or the process creating it died before finishing");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * Checks every header field against what the capacity implies and the file size allows.
     *
     * @param path for messages.
     * @param header the header bytes.
     * @param fileSize current size of the file.
     * @return the layout.
     * @throws InvalidRegionException naming the first field that is wrong.
     */
    public static RegionLayout validateHeader(final Path path, final AtomicBuffer header, final long fileSize)
        throws InvalidRegionException
    {
        final int version = header.getInt(FORMAT_VERSION_OFFSET);
        if (version > FORMAT_VERSION)
        {
            throw new InvalidRegionException(path, "region format version " + version +
                " is newer than this library supports (" + FORMAT_VERSION + "); upgrade shm");
        }
        if (version == 1)
        {
            throw new InvalidRegionException(path, "region format version 1 (fixed 128 process slots and at most " +
                "4096 entries) was written by an older shm; this library reads version " + FORMAT_VERSION +
                " (directory and process table sized at creation): delete the file and create the region again");
        }
        if (version < 1)
        {
            throw new InvalidRegionException(path, "region format version " + version + " is invalid, expected " +
                FORMAT_VERSION);
        }
        final int layoutWord = header.getInt(LAYOUT_OFFSET);
        if (layoutWord != nativeLayout())
        {
            throw new InvalidRegionException(path, String.format(
                "layout word 0x%08X (cache line %d, byte order code %d), expected 0x%08X", layoutWord,
                layoutWord & 0xFFFF, layoutWord >>> 16, nativeLayout()));
        }
        final long capacity = header.getLong(CAPACITY_OFFSET);
        if (capacity < RegionLayout.MIN_CAPACITY || capacity > RegionLayout.MAX_CAPACITY)
        {
            throw new InvalidRegionException(path, "header capacity " + capacity + " is out of range [" +
                RegionLayout.MIN_CAPACITY + ", " + RegionLayout.MAX_CAPACITY + "]");
        }
        if (capacity > fileSize)
        {
            throw new InvalidRegionException(path, "truncated: header says capacity " + capacity +
                " bytes, the file has " + fileSize + " bytes");
        }
        final int processSlots = header.getInt(PROCESS_SLOTS_OFFSET);
        final int maxEntries = header.getInt(MAX_ENTRIES_OFFSET);
        final RegionLayout layout;
        try
        {
            layout = RegionLayout.of(capacity, processSlots, maxEntries);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidRegionException(path, "header sizes do not fit: " + ex.getMessage());
        }
        expect(path, "process table offset", header.getLong(PROCESS_TABLE_OFFSET_OFFSET),
            layout.processTableOffset());
        expect(path, "directory index offset", header.getLong(INDEX_OFFSET_OFFSET), layout.indexOffset());
        expect(path, "directory index slots", header.getInt(INDEX_SLOTS_OFFSET), layout.indexSlots());
        expect(path, "directory records offset", header.getLong(RECORDS_OFFSET_OFFSET), layout.recordsOffset());
        expect(path, "data offset", header.getLong(DATA_OFFSET_OFFSET), layout.dataOffset());
        final int recordsUsed = header.getIntVolatile(RECORDS_USED_OFFSET);
        if (recordsUsed < 0 || recordsUsed > maxEntries)
        {
            throw new InvalidRegionException(path, "header says " + recordsUsed + " directory records are used, " +
                "expected 0 to maxEntries " + maxEntries);
        }
        final long alloc = header.getLongVolatile(ALLOC_POINTER_OFFSET);
        if (alloc < layout.dataOffset() || alloc > capacity)
        {
            throw new InvalidRegionException(path, "allocation pointer " + alloc + " is outside the data area [" +
                layout.dataOffset() + ", " + capacity + "]");
        }
        return layout;
    }

    private static void expect(final Path path, final String field, final long actual, final long expected)
        throws InvalidRegionException
    {
        if (actual != expected)
        {
            throw new InvalidRegionException(path, "header " + field + " is " + actual + ", expected " + expected +
                " for its capacity, maxProcesses and maxEntries");
        }
    }

    private static long deadline(final long lastModifiedMillis, final Duration initTimeout)
    {
        final long now = System.currentTimeMillis();
        return Math.min(now, lastModifiedMillis) + initTimeout.toMillis();
    }

    private static boolean hasNonZeroPrefix(final FileChannel channel, final long size) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate((int)size);
        readFully(channel, bytes, 0);
        for (int i = 0; i < size; i++)
        {
            if (bytes.get(i) != 0)
            {
                return true;
            }
        }
        return false;
    }

    private static void readFully(final FileChannel channel, final ByteBuffer into, final long position)
        throws IOException
    {
        long at = position;
        while (into.hasRemaining())
        {
            final int read = channel.read(into, at);
            if (read < 0)
            {
                break;
            }
            at += read;
        }
    }

    private static void zeroFill(final FileChannel channel, final long capacity) throws IOException
    {
        final ByteBuffer zeros = ByteBuffer.allocateDirect((int)Math.min(ZERO_CHUNK, capacity));
        long position = 0;
        while (position < capacity)
        {
            zeros.clear();
            zeros.limit((int)Math.min(zeros.capacity(), capacity - position));
            while (zeros.hasRemaining())
            {
                position += channel.write(zeros, position);
            }
        }
        if (channel.size() != capacity)
        {
            throw new IOException("could not size region file to " + capacity + " bytes (it has " +
                channel.size() + ")");
        }
    }

    private static void refuseSymlink(final Path path) throws IOException
    {
        if (Files.isSymbolicLink(path))
        {
            throw new FileSystemException(path.toString(), null,
                "is a symbolic link; shm never follows links for region files");
        }
    }

    private static Path parentOf(final Path path)
    {
        final Path parent = path.toAbsolutePath().getParent();
        return parent == null ? path.toAbsolutePath() : parent;
    }

    private static Object fileKey(final Path path) throws IOException
    {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }
}

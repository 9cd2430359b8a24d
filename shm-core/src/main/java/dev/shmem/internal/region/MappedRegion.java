package dev.shmem.internal.region;

import dev.shmem.internal.liveness.ProcessTable;

import org.agrona.concurrent.AtomicBuffer;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One mapping of a validated region file: the buffer over the whole file and the views of its parts.
 * The mapping is released by the garbage collector once nothing references the buffer, so a handle that
 * outlives its region never touches unmapped memory.
 */
public final class MappedRegion
{
    private final Path path;
    private final Object fileKey;
    private final AtomicBuffer buffer;
    private final RegionLayout layout;
    private final ProcessTable processes;
    private final Directory directory;

    MappedRegion(final Path path, final Object fileKey, final AtomicBuffer buffer, final RegionLayout layout)
    {
        this.path = path;
        this.fileKey = fileKey;
        this.buffer = buffer;
        this.layout = layout;
        this.processes = new ProcessTable(buffer, layout.processTableOffset(), layout.processSlots());
        this.directory = new Directory(buffer, layout, processes);
    }

    public Path path()
    {
        return path;
    }

    public AtomicBuffer buffer()
    {
        return buffer;
    }

    public RegionLayout layout()
    {
        return layout;
    }

    public ProcessTable processes()
    {
        return processes;
    }

    public Directory directory()
    {
        return directory;
    }

    /**
     * @return the bytes of the data area handed out so far.
     */
    public long usedBytes()
    {
        return buffer.getLongVolatile(HeaderDescriptor.ALLOC_POINTER_OFFSET) - layout.dataOffset();
    }

    /**
     * @return pid of the process that created the region.
     */
    public long creatorPid()
    {
        return buffer.getLong(HeaderDescriptor.CREATOR_PID_OFFSET);
    }

    /**
     * @return creation time in epoch milliseconds.
     */
    public long createdAt()
    {
        return buffer.getLong(HeaderDescriptor.CREATED_AT_OFFSET);
    }

    /**
     * @return a key that is equal for two mappings of the same file (same inode, same creation).
     */
    Object identity()
    {
        return new Identity(fileKey, creatorPid(), createdAt(), layout.capacity());
    }

    private static final class Identity
    {
        private final Object fileKey;
        private final long creatorPid;
        private final long createdAt;
        private final long capacity;

        Identity(final Object fileKey, final long creatorPid, final long createdAt, final long capacity)
        {
            this.fileKey = fileKey;
            this.creatorPid = creatorPid;
            this.createdAt = createdAt;
            this.capacity = capacity;
        }

        @Override
        public boolean equals(final Object o)
        {
            if (!(o instanceof Identity))
            {
                return false;
            }
            final Identity that = (Identity)o;
            return fileKey != null && fileKey.equals(that.fileKey) && creatorPid == that.creatorPid &&
                createdAt == that.createdAt && capacity == that.capacity;
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(fileKey, creatorPid, createdAt, capacity);
        }
    }
}

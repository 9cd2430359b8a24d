package dev.shmem.pool;

import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.RegionLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The private region of one {@link JvmPool} and what is in it: the one task queue, the results queue and the
 * per-worker words the workers publish ({@link PoolProtocol}). Sized from the options before the file is created,
 * so a pool that cannot fit fails before it leaves anything behind; {@link #close()} unmaps and removes it.
 */
final class PoolRegion implements AutoCloseable
{
    private static final AtomicLong POOLS = new AtomicLong();
    private static final long SLACK = 64 * 1024;

    final Path path;
    final SharedRegion region;
    final SharedQueue tasks;
    final SharedQueue results;
    final SharedLongArray started;
    final SharedLongArray startedAt;
    final SharedLongArray ready;

    private PoolRegion(final Path path, final SharedRegion region, final PoolOptions options)
    {
        this.path = path;
        this.region = region;
        this.tasks = region.queue(PoolProtocol.TASKS, options.taskSlots(), options.maxMessageBytes());
        this.results = region.queue(PoolProtocol.RESULTS, options.resultSlots(), options.maxMessageBytes());
        this.started = region.longArray(PoolProtocol.STARTED, options.workers());
        this.startedAt = region.longArray(PoolProtocol.STARTED_AT, options.workers());
        this.ready = region.longArray(PoolProtocol.READY, options.workers());
    }

    /**
     * @param options the pool's options.
     * @return the bytes the pool's region needs.
     * @throws IllegalArgumentException if that is more than a region can hold.
     */
    static long capacity(final PoolOptions options)
    {
        final long entries = QueueDescriptor.length(options.taskSlots(), options.maxMessageBytes()) +
            QueueDescriptor.length(options.resultSlots(), options.maxMessageBytes()) +
            3L * options.workers() * Long.BYTES + 5L * RegionLayout.ENTRY_ALIGNMENT + SLACK;
        // The directory grows with the capacity: sized here for twice the entries, an upper bound.
        final long bound = Math.max(RegionLayout.MIN_CAPACITY, Math.min(RegionLayout.MAX_CAPACITY, 2 * entries));
        final long capacity = entries + RegionLayout.forCapacity(bound).dataOffset();
        if (capacity > RegionLayout.MAX_CAPACITY)
        {
            throw new IllegalArgumentException("a pool of " + options.workers() + " workers with messages of " +
                options.maxMessageBytes() + " bytes needs a region of " + capacity + " bytes, more than the " +
                RegionLayout.MAX_CAPACITY + " a region can hold: lower maxMessageBytes or workers");
        }
        return capacity;
    }

    /**
     * Creates the region file and its entries; on any failure nothing is left behind.
     *
     * @param options the pool's options.
     * @return the region.
     * @throws IOException              if the file cannot be created.
     * @throws IllegalArgumentException if the options need a region larger than the largest.
     */
    static PoolRegion create(final PoolOptions options) throws IOException
    {
        final long capacity = capacity(options);
        final Path path = options.regionDirectory().resolve(
            "shm-pool-" + ProcessHandle.current().pid() + "-" + POOLS.incrementAndGet() + ".shm");
        final SharedRegion region = SharedRegion.create(path, capacity);
        try
        {
            return new PoolRegion(path, region, options);
        }
        catch (final RuntimeException | Error ex)
        {
            region.close();
            deleteQuietly(path, ex);
            throw ex;
        }
    }

    /**
     * Unmaps the region and removes its file.
     *
     * @throws IOException if the file cannot be removed (the region is unmapped all the same).
     */
    @Override
    public void close() throws IOException
    {
        region.close();
        Files.deleteIfExists(path);
    }

    private static void deleteQuietly(final Path path, final Throwable primary)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            primary.addSuppressed(ex);
        }
    }
}

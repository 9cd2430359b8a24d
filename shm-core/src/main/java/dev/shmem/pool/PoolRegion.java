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

    private PoolRegion(final Path path, final SharedRegion region, final int workers, final int taskSlots,
        final int resultSlots, final int maxMessageBytes)
    {
        this.path = path;
        this.region = region;
        this.tasks = region.queue(PoolProtocol.TASKS, taskSlots, maxMessageBytes);
        this.results = region.queue(PoolProtocol.RESULTS, resultSlots, maxMessageBytes);
        this.started = region.longArray(PoolProtocol.STARTED, workers);
        this.startedAt = region.longArray(PoolProtocol.STARTED_AT, workers);
        this.ready = region.longArray(PoolProtocol.READY, workers);
    }

    /**
     * The entries of a pool's region that a worker opened: the same geometry as the parent's. The worker closes
     * {@code region} itself; it never calls {@link #close()}, which removes the file.
     *
     * @param path            the region file.
     * @param region          the open region.
     * @param workers         the pool's workers.
     * @param taskSlots       slots of the task queue.
     * @param resultSlots     slots of the results queue.
     * @param maxMessageBytes the queues' largest message.
     * @return the entries.
     * @throws IllegalStateException if the region holds other entries, or queues of another geometry, under the
     *                               pool's names.
     */
    static PoolRegion attach(final Path path, final SharedRegion region, final int workers, final int taskSlots,
        final int resultSlots, final int maxMessageBytes)
    {
        return new PoolRegion(path, region, workers, taskSlots, resultSlots, maxMessageBytes);
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
            return new PoolRegion(path, region, options.workers(), options.taskSlots(), options.resultSlots(),
                options.maxMessageBytes());
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

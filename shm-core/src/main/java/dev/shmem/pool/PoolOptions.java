package dev.shmem.pool;

import org.agrona.BitUtil;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The options of one {@link JvmPool}, copied from its {@link JvmPool.Builder} when {@code build()} is called, so
 * that changing the builder afterwards changes nothing in a running pool.
 *
 * @param workers          number of worker JVMs.
 * @param maxTasksPerChild tasks after which a worker exits and is replaced, 0 for never.
 * @param taskTimeout      longest run of one task, null for none.
 * @param closeTimeout     how long {@code close()} waits before {@code shutdownNow()}.
 * @param codec            the codec class, instantiated by name in every worker.
 * @param maxMessageBytes  largest task or result message.
 * @param retries          times a task whose worker died is run again before it fails.
 * @param regionDirectory  where the pool's region file is created.
 * @param logDirectory     where the workers' logs go.
 * @param jvmArgs          extra JVM flags of the workers.
 * @param classDataSharing whether workers start from an application class-data archive.
 * @param inheritConsole   whether workers print to this JVM's console instead of log files.
 */
record PoolOptions(
    int workers,
    long maxTasksPerChild,
    Duration taskTimeout,
    Duration closeTimeout,
    Class<? extends PoolCodec> codec,
    int maxMessageBytes,
    int retries,
    Path regionDirectory,
    Path logDirectory,
    List<String> jvmArgs,
    boolean classDataSharing,
    boolean inheritConsole)
{
    PoolOptions
    {
        jvmArgs = List.copyOf(jvmArgs);
    }

    /**
     * @return slots of the shared task queue: enough that every worker finds its next task there while the
     * parent is busy elsewhere.
     */
    int taskSlots()
    {
        // A map's default chunks (4 per worker) all fit at once, with room for a few submits; a power of two, as
        // the queue rounds its ring up to one.
        return BitUtil.findNextPositivePowerOfTwo(Math.max(16, 8 * workers));
    }

    /**
     * @return slots of the results queue: one per task that can be in flight, so a worker never waits to report.
     */
    int resultSlots()
    {
        return BitUtil.findNextPositivePowerOfTwo(taskSlots() + workers);
    }
}

package dev.shmem.bench.jmh;

import dev.shmem.SharedSemaphore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Acquire/release pairs on a one-permit semaphore with 1, 2 and 4 threads of one JVM, with handoffs counted
 * ({@link Handoffs}): {@link SharedSemaphore} (in a region in {@code /dev/shm}) against {@link Semaphore}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@State(Scope.Benchmark)
public class SemaphoreBenchmark
{
    private final Semaphore semaphore = new Semaphore(1);
    private long holder;
    private BenchRegion region;
    private SharedSemaphore shared;

    /**
     * Creates the region and the shared semaphore.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("semaphore");
        shared = region.region().semaphore("semaphore", 1);
    }

    /**
     * Closes and deletes the region.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        region.close();
    }

    @Benchmark
    @Group("sharedSemaphore_1")
    @GroupThreads(1)
    public long sharedSemaphore1(final Handoffs handoffs) throws InterruptedException
    {
        return sharedPair(handoffs);
    }

    @Benchmark
    @Group("sharedSemaphore_2")
    @GroupThreads(2)
    public long sharedSemaphore2(final Handoffs handoffs) throws InterruptedException
    {
        return sharedPair(handoffs);
    }

    @Benchmark
    @Group("sharedSemaphore_4")
    @GroupThreads(4)
    public long sharedSemaphore4(final Handoffs handoffs) throws InterruptedException
    {
        return sharedPair(handoffs);
    }

    @Benchmark
    @Group("semaphore_1")
    @GroupThreads(1)
    public long semaphore1(final Handoffs handoffs) throws InterruptedException
    {
        return pair(handoffs);
    }

    @Benchmark
    @Group("semaphore_2")
    @GroupThreads(2)
    public long semaphore2(final Handoffs handoffs) throws InterruptedException
    {
        return pair(handoffs);
    }

    @Benchmark
    @Group("semaphore_4")
    @GroupThreads(4)
    public long semaphore4(final Handoffs handoffs) throws InterruptedException
    {
        return pair(handoffs);
    }

    private long sharedPair(final Handoffs handoffs) throws InterruptedException
    {
        shared.acquire();
        try
        {
            holder = handoffs.acquired(holder);
            return holder;
        }
        finally
        {
            shared.release();
        }
    }

    private long pair(final Handoffs handoffs) throws InterruptedException
    {
        semaphore.acquire();
        try
        {
            holder = handoffs.acquired(holder);
            return holder;
        }
        finally
        {
            semaphore.release();
        }
    }
}

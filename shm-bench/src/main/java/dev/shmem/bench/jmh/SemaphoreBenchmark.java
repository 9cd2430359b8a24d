package dev.shmem.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Acquire/release pairs on a one-permit semaphore with 1, 2 and 4 threads, with handoffs counted
 * ({@link Handoffs}). Today the in-JVM baseline only, {@link Semaphore}; {@code SharedSemaphore} groups
 * ({@code sharedSemaphore_1/_2/_4}, with a region from {@link BenchRegion}) belong next to it when shm-core has
 * it.
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

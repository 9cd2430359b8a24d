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

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locked increment (lock, increment a plain counter, unlock) with 1, 2 and 4 threads, with handoffs counted
 * ({@link Handoffs}). Today the in-JVM baselines only: {@link ReentrantLock} and {@code synchronized}.
 * {@code SharedLock} and {@code SharedReentrantLock} groups ({@code sharedLock_1/_2/_4}, with a region from
 * {@link BenchRegion}) belong next to them when shm-core has them; target: {@code sharedLock_2 >= reentrantLock_2}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@State(Scope.Benchmark)
public class LockBenchmark
{
    private final ReentrantLock reentrant = new ReentrantLock();
    private final Object monitor = new Object();
    private long counter;
    private long holder;

    @Benchmark
    @Group("reentrantLock_1")
    @GroupThreads(1)
    public long reentrantLock1(final Handoffs handoffs)
    {
        return reentrantLocked(handoffs);
    }

    @Benchmark
    @Group("reentrantLock_2")
    @GroupThreads(2)
    public long reentrantLock2(final Handoffs handoffs)
    {
        return reentrantLocked(handoffs);
    }

    @Benchmark
    @Group("reentrantLock_4")
    @GroupThreads(4)
    public long reentrantLock4(final Handoffs handoffs)
    {
        return reentrantLocked(handoffs);
    }

    @Benchmark
    @Group("synchronized_1")
    @GroupThreads(1)
    public long synchronized1(final Handoffs handoffs)
    {
        return synchronizedIncrement(handoffs);
    }

    @Benchmark
    @Group("synchronized_2")
    @GroupThreads(2)
    public long synchronized2(final Handoffs handoffs)
    {
        return synchronizedIncrement(handoffs);
    }

    @Benchmark
    @Group("synchronized_4")
    @GroupThreads(4)
    public long synchronized4(final Handoffs handoffs)
    {
        return synchronizedIncrement(handoffs);
    }

    private long reentrantLocked(final Handoffs handoffs)
    {
        reentrant.lock();
        try
        {
            holder = handoffs.acquired(holder);
            return ++counter;
        }
        finally
        {
            reentrant.unlock();
        }
    }

    private long synchronizedIncrement(final Handoffs handoffs)
    {
        synchronized (monitor)
        {
            holder = handoffs.acquired(holder);
            return ++counter;
        }
    }
}

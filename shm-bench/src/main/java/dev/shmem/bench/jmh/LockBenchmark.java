package dev.shmem.bench.jmh;

import dev.shmem.SharedLock;
import dev.shmem.SharedReentrantLock;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locked increment (lock, increment a plain counter, unlock) with 1, 2 and 4 threads of one JVM, with handoffs
 * counted ({@link Handoffs}): {@link SharedLock} and {@link SharedReentrantLock} (in a region in
 * {@code /dev/shm}) against {@link ReentrantLock} and {@code synchronized}. Target of issue 6:
 * {@code sharedLock_2 >= reentrantLock_2}.
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
    private BenchRegion region;
    private SharedLock sharedLock;
    private SharedReentrantLock sharedReentrantLock;

    /**
     * Creates the region and the shared locks.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("lock");
        sharedLock = region.region().lock("lock");
        sharedReentrantLock = region.region().reentrantLock("reentrant");
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
    @Group("sharedLock_1")
    @GroupThreads(1)
    public long sharedLock1(final Handoffs handoffs)
    {
        return sharedLocked(handoffs);
    }

    @Benchmark
    @Group("sharedLock_2")
    @GroupThreads(2)
    public long sharedLock2(final Handoffs handoffs)
    {
        return sharedLocked(handoffs);
    }

    @Benchmark
    @Group("sharedLock_4")
    @GroupThreads(4)
    public long sharedLock4(final Handoffs handoffs)
    {
        return sharedLocked(handoffs);
    }

    @Benchmark
    @Group("sharedReentrantLock_1")
    @GroupThreads(1)
    public long sharedReentrantLock1(final Handoffs handoffs)
    {
        return sharedReentrantLocked(handoffs);
    }

    @Benchmark
    @Group("sharedReentrantLock_2")
    @GroupThreads(2)
    public long sharedReentrantLock2(final Handoffs handoffs)
    {
        return sharedReentrantLocked(handoffs);
    }

    @Benchmark
    @Group("sharedReentrantLock_4")
    @GroupThreads(4)
    public long sharedReentrantLock4(final Handoffs handoffs)
    {
        return sharedReentrantLocked(handoffs);
    }

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

    private long sharedLocked(final Handoffs handoffs)
    {
        sharedLock.lock();
        try
        {
            holder = handoffs.acquired(holder);
            return ++counter;
        }
        finally
        {
            sharedLock.unlock();
        }
    }

    private long sharedReentrantLocked(final Handoffs handoffs)
    {
        sharedReentrantLock.lock();
        try
        {
            holder = handoffs.acquired(holder);
            return ++counter;
        }
        finally
        {
            sharedReentrantLock.unlock();
        }
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

package dev.shmem.bench.jmh;

import dev.shmem.SharedLongArray;
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
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Array element increment. {@code sharedArray_1} and {@code atomicLongArray_1}: one thread, one element,
 * {@link SharedLongArray#incrementAndGet(int)} (with its index check) against {@link AtomicLongArray}.
 * The two-thread groups show false sharing: each thread increments its own element, the elements being
 * {@code sameElement} (true sharing, the worst case), {@code adjacent} (8 bytes apart: same cache line),
 * {@code apart64} (64 bytes: neighbouring lines) and {@code apart128} (128 bytes: neighbouring line pairs).
 * If {@code adjacent} is much slower than {@code apart64}, elements that several processes update should be
 * spaced at least a cache line apart. The score is the total of both threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@State(Scope.Benchmark)
public class ArrayBenchmark
{
    private static final int LENGTH = 64;

    private BenchRegion region;
    private SharedLongArray shared;
    private AtomicLongArray atomic;
    // Not final: the JIT must not fold the indexes into constants and drop the index check.
    private int first = 0;
    private int adjacent = 1;
    private int apart64 = 8;
    private int apart128 = 16;

    /**
     * Creates the region and the arrays.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("array");
        shared = region.region().longArray("array", LENGTH);
        atomic = new AtomicLongArray(LENGTH);
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
    @Group("sharedArray_1")
    @GroupThreads(1)
    public long sharedArray1()
    {
        return shared.incrementAndGet(first);
    }

    @Benchmark
    @Group("atomicLongArray_1")
    @GroupThreads(1)
    public long atomicLongArray1()
    {
        return atomic.incrementAndGet(first);
    }

    @Benchmark
    @Group("sameElement")
    @GroupThreads(2)
    public long sameElement()
    {
        return shared.incrementAndGet(first);
    }

    @Benchmark
    @Group("adjacent")
    @GroupThreads(1)
    public long adjacentA()
    {
        return shared.incrementAndGet(first);
    }

    @Benchmark
    @Group("adjacent")
    @GroupThreads(1)
    public long adjacentB()
    {
        return shared.incrementAndGet(adjacent);
    }

    @Benchmark
    @Group("apart64")
    @GroupThreads(1)
    public long apart64A()
    {
        return shared.incrementAndGet(first);
    }

    @Benchmark
    @Group("apart64")
    @GroupThreads(1)
    public long apart64B()
    {
        return shared.incrementAndGet(apart64);
    }

    @Benchmark
    @Group("apart128")
    @GroupThreads(1)
    public long apart128A()
    {
        return shared.incrementAndGet(first);
    }

    @Benchmark
    @Group("apart128")
    @GroupThreads(1)
    public long apart128B()
    {
        return shared.incrementAndGet(apart128);
    }
}

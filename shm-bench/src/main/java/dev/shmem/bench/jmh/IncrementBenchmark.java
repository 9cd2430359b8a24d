package dev.shmem.bench.jmh;

import dev.shmem.SharedLong;
import dev.shmem.bench.RawRegionAccess;
import org.agrona.concurrent.AtomicBuffer;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * Atomic increment of one counter: {@link SharedLong#incrementAndGet()} against {@link AtomicLong} on the heap and
 * raw Agrona {@code UnsafeBuffer.getAndAddLong} on the very same mapped memory as the {@code SharedLong} (the
 * hardware limit). Group {@code X_1} is uncontended (one thread); {@code X_2} and {@code X_4} are 2 and 4 threads
 * on the same counter. The score is the total of the group's threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@State(Scope.Benchmark)
public class IncrementBenchmark
{
    private BenchRegion region;
    private SharedLong shared;
    private AtomicLong atomic;
    private AtomicBuffer raw;
    private int rawOffset;

    /**
     * Creates the region and the counters.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("increment");
        shared = region.region().longValue("counter");
        atomic = new AtomicLong();
        final RawRegionAccess access = region.raw("counter");
        raw = access.buffer();
        rawOffset = access.offsetOf(0, Long.BYTES);
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
    @Group("sharedLong_1")
    @GroupThreads(1)
    public long sharedLong1()
    {
        return shared.incrementAndGet();
    }

    @Benchmark
    @Group("sharedLong_2")
    @GroupThreads(2)
    public long sharedLong2()
    {
        return shared.incrementAndGet();
    }

    @Benchmark
    @Group("sharedLong_4")
    @GroupThreads(4)
    public long sharedLong4()
    {
        return shared.incrementAndGet();
    }

    @Benchmark
    @Group("atomicLong_1")
    @GroupThreads(1)
    public long atomicLong1()
    {
        return atomic.incrementAndGet();
    }

    @Benchmark
    @Group("atomicLong_2")
    @GroupThreads(2)
    public long atomicLong2()
    {
        return atomic.incrementAndGet();
    }

    @Benchmark
    @Group("atomicLong_4")
    @GroupThreads(4)
    public long atomicLong4()
    {
        return atomic.incrementAndGet();
    }

    @Benchmark
    @Group("raw_1")
    @GroupThreads(1)
    public long raw1()
    {
        return raw.getAndAddLong(rawOffset, 1) + 1;
    }

    @Benchmark
    @Group("raw_2")
    @GroupThreads(2)
    public long raw2()
    {
        return raw.getAndAddLong(rawOffset, 1) + 1;
    }

    @Benchmark
    @Group("raw_4")
    @GroupThreads(4)
    public long raw4()
    {
        return raw.getAndAddLong(rawOffset, 1) + 1;
    }
}

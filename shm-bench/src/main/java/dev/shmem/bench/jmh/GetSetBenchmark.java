package dev.shmem.bench.jmh;

import dev.shmem.SharedLong;
import dev.shmem.bench.RawRegionAccess;
import org.agrona.concurrent.AtomicBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Volatile {@code get} and {@code set} of one value, one thread: {@link SharedLong} against {@link AtomicLong}
 * and raw {@code UnsafeBuffer.getLongVolatile/putLongVolatile} on the same mapped memory. Shows the cost of the
 * wrapper (none expected) and of a volatile store (a full fence on x86).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@Threads(1)
@State(Scope.Benchmark)
public class GetSetBenchmark
{
    private BenchRegion region;
    private SharedLong shared;
    private AtomicLong atomic;
    private AtomicBuffer raw;
    private int rawOffset;
    private long value;

    /**
     * Creates the region and the values.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("getset");
        shared = region.region().longValue("value");
        atomic = new AtomicLong();
        final RawRegionAccess access = region.raw("value");
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
    public long sharedLongGet()
    {
        return shared.get();
    }

    @Benchmark
    public void sharedLongSet()
    {
        shared.set(++value);
    }

    @Benchmark
    public long atomicLongGet()
    {
        return atomic.get();
    }

    @Benchmark
    public void atomicLongSet()
    {
        atomic.set(++value);
    }

    @Benchmark
    public long rawGetVolatile()
    {
        return raw.getLongVolatile(rawOffset);
    }

    @Benchmark
    public void rawPutVolatile()
    {
        raw.putLongVolatile(rawOffset, ++value);
    }
}

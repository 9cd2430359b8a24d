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

/**
 * Do adjacent entries false-share? Two threads, each incrementing its own counter:
 * <ul>
 *   <li>{@code entries}: two {@link SharedLong} entries created one after the other, so adjacent in the region
 *       ({@code ENTRY_ALIGNMENT} apart; the setup prints the distance);</li>
 *   <li>{@code raw8}, {@code raw64}, {@code raw128}, {@code raw256}: raw {@code getAndAddLong} on two offsets of
 *       one mapped entry that many bytes apart (8: the same cache line, the false-sharing worst case; 64:
 *       neighbouring lines of one 128-byte pair, which the adjacent-line prefetcher of Intel CPUs fetches
 *       together; 128 and 256: separate pairs).</li>
 * </ul>
 * If {@code raw64} is clearly slower than {@code raw128}, entries must be 128 bytes apart; if they score the
 * same, 64 would do on this machine. The score is the total of both threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@State(Scope.Benchmark)
public class EntrySpacingBenchmark
{
    private static final int RAW_LONGS = 64;

    private BenchRegion region;
    private SharedLong entryA;
    private SharedLong entryB;
    private AtomicBuffer raw;
    private int base;

    /**
     * Creates two adjacent entries and a 512-byte array for the raw offsets.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("spacing");
        entryA = region.region().longValue("a");
        entryB = region.region().longValue("b");
        region.region().longArray("raw", RAW_LONGS);
        final RawRegionAccess access = region.raw("raw");
        raw = access.buffer();
        base = access.offsetOf(0, RAW_LONGS * Long.BYTES);
        final int distance = region.raw("b").dataOffset() - region.raw("a").dataOffset();
        System.out.println("entries 'a' and 'b' are " + distance + " bytes apart; raw base offset " + base +
            " (mod 128 = " + (base % 128) + ")");
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
    @Group("entries")
    @GroupThreads(1)
    public long entriesA()
    {
        return entryA.incrementAndGet();
    }

    @Benchmark
    @Group("entries")
    @GroupThreads(1)
    public long entriesB()
    {
        return entryB.incrementAndGet();
    }

    @Benchmark
    @Group("raw8")
    @GroupThreads(1)
    public long raw8A()
    {
        return raw.getAndAddLong(base, 1);
    }

    @Benchmark
    @Group("raw8")
    @GroupThreads(1)
    public long raw8B()
    {
        return raw.getAndAddLong(base + 8, 1);
    }

    @Benchmark
    @Group("raw64")
    @GroupThreads(1)
    public long raw64A()
    {
        return raw.getAndAddLong(base, 1);
    }

    @Benchmark
    @Group("raw64")
    @GroupThreads(1)
    public long raw64B()
    {
        return raw.getAndAddLong(base + 64, 1);
    }

    @Benchmark
    @Group("raw128")
    @GroupThreads(1)
    public long raw128A()
    {
        return raw.getAndAddLong(base, 1);
    }

    @Benchmark
    @Group("raw128")
    @GroupThreads(1)
    public long raw128B()
    {
        return raw.getAndAddLong(base + 128, 1);
    }

    @Benchmark
    @Group("raw256")
    @GroupThreads(1)
    public long raw256A()
    {
        return raw.getAndAddLong(base, 1);
    }

    @Benchmark
    @Group("raw256")
    @GroupThreads(1)
    public long raw256B()
    {
        return raw.getAndAddLong(base + 256, 1);
    }
}

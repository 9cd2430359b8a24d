package dev.shmem.bench.jmh;

import dev.shmem.SharedLong;
import dev.shmem.SharedLongArray;
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

/**
 * Entry lookup by name, one thread: get-or-create of a name that exists ({@code region.longValue(name)},
 * {@code region.longArray(name, length)}) in a region of 100 entries, against reading through a handle kept from
 * an earlier lookup. Tells how much it costs to look an entry up on every use instead of keeping the handle.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@Threads(1)
@State(Scope.Benchmark)
public class LookupBenchmark
{
    private static final int ENTRIES = 100;

    private BenchRegion region;
    private SharedLong kept;
    private String valueName;
    private String arrayName;

    /**
     * Creates the region and its entries.
     *
     * @throws IOException if the region cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("lookup");
        for (int i = 0; i < ENTRIES; i++)
        {
            region.region().longValue("value-" + i);
        }
        region.region().longArray("array-7", 16);
        valueName = "value-42";
        arrayName = "array-7";
        kept = region.region().longValue(valueName);
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
    public SharedLong lookupValue()
    {
        return region.region().longValue(valueName);
    }

    @Benchmark
    public SharedLongArray lookupArray()
    {
        return region.region().longArray(arrayName, 16);
    }

    @Benchmark
    public long keptHandleGet()
    {
        return kept.get();
    }

    @Benchmark
    public long lookupAndGet()
    {
        return region.region().longValue(valueName).get();
    }
}

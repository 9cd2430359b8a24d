package dev.shmem.bench.jmh;

import dev.shmem.SharedRegion;
import dev.shmem.bench.BenchFiles;
import dev.shmem.bench.maps.ChronicleJvm;
import dev.shmem.bench.maps.MapWorkload;
import net.openhft.chronicle.map.ChronicleMap;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Put+get pairs ({@link MapWorkload}: a random key of 65,536 {@code Long}s, a {@code byte[]} value of
 * {@code valueBytes}) in one JVM, one thread: {@code shared} ({@code SharedMap} in a region in {@code /dev/shm}),
 * {@code chronicle} (Chronicle Map persisted in {@code /dev/shm}) and {@code jdk} ({@link ConcurrentHashMap},
 * which stores the reference: no copy in, no copy out). Every fork carries the module openings Chronicle needs
 * ({@link ChronicleJvm}); a {@code -jvmArgsAppend} on the command line replaces them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.ADD_EXPORTS,
    "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
    "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
    "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED"})
@State(Scope.Thread)
public class MapBenchmark
{
    @Param({"shared", "chronicle", "jdk"})
    public String impl;

    @Param({"8", "100"})
    public int valueBytes;

    private SharedRegion region;
    private Path regionFile;
    private ChronicleMap<Long, byte[]> chronicle;
    private Path chronicleFile;
    private MapWorkload workload;

    /**
     * Creates the map under test.
     *
     * @throws IOException if a file cannot be created.
     */
    @Setup
    public void setUp() throws IOException
    {
        final Map<Long, byte[]> map;
        switch (impl)
        {
            case "shared":
                regionFile = BenchFiles.newPath(BenchFiles.defaultDirectory(), "map", ".shm");
                region = SharedRegion.create(regionFile, 16L << 20);
                map = region.map("m", Long.class, byte[].class, MapWorkload.KEYS, 8 + valueBytes);
                break;
            case "chronicle":
                chronicleFile = BenchFiles.newPath(BenchFiles.defaultDirectory(), "chronicle", ".dat");
                chronicle = ChronicleMap.of(Long.class, byte[].class).entries(MapWorkload.KEYS)
                    .averageValueSize(valueBytes).createPersistedTo(chronicleFile.toFile());
                map = chronicle;
                break;
            case "jdk":
                map = new ConcurrentHashMap<>();
                break;
            default:
                throw new IllegalArgumentException("impl " + impl + ": expected shared, chronicle or jdk");
        }
        workload = new MapWorkload(map, valueBytes, 42);
    }

    /**
     * Closes and removes what {@link #setUp} made.
     *
     * @throws IOException if a file cannot be removed.
     */
    @TearDown
    public void tearDown() throws IOException
    {
        if (region != null)
        {
            region.close();
            Files.deleteIfExists(regionFile);
        }
        if (chronicle != null)
        {
            chronicle.close();
            Files.deleteIfExists(chronicleFile);
        }
    }

    /**
     * @return the value read back.
     */
    @Benchmark
    public byte[] putGet()
    {
        return workload.putGet();
    }
}

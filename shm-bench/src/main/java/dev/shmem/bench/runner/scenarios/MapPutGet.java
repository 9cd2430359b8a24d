package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedMap;
import dev.shmem.SharedRegion;
import dev.shmem.bench.maps.ChronicleJvm;
import dev.shmem.bench.maps.MapWorkload;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.RunSettings;
import dev.shmem.bench.runner.Target;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;
import net.openhft.chronicle.map.ChronicleMap;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Put+get pairs per second on one shared map by 2 processes ({@link MapWorkload}: random keys of 65,536
 * {@code Long}s, {@code byte[]} values of a fixed length): {@link SharedMap} in the scenario's region, or a
 * Chronicle Map persisted to a file next to it in {@code /dev/shm}. Compared with Chronicle Map (target {@code
 * >= 1.0x}) and Python's {@code Manager().dict()} (target {@code >= 100x}). Check: every get returns a value of
 * the length put.
 */
public abstract class MapPutGet extends ChildScenario
{
    /** The shm scenarios' names. */
    public static final String SHM8 = "map8";
    /** With 100-byte values. */
    public static final String SHM100 = "map100";
    /** Chronicle Map with 8-byte values. */
    public static final String CHRONICLE8 = "chronicle.map8";
    /** Chronicle Map with 100-byte values. */
    public static final String CHRONICLE100 = "chronicle.map100";

    /** Put+get pairs each child runs before it reports ready (both maps alike). */
    static final int WARM_UP_PAIRS = 2000;

    private final String name;
    private final int valueBytes;

    MapPutGet(final String name, final int valueBytes)
    {
        this.name = name;
        this.valueBytes = valueBytes;
    }

    @Override
    public final String name()
    {
        return name;
    }

    /**
     * @return the value length.
     */
    protected final int valueBytes()
    {
        return valueBytes;
    }

    @Override
    protected final int processes(final RunSettings settings)
    {
        return 2;
    }

    @Override
    protected final long regionCapacity()
    {
        return REGION_CAPACITY + (long)MapWorkload.KEYS * (valueBytes() + 64);
    }

    @Override
    protected String note()
    {
        return "2 processes, " + MapWorkload.KEYS + " Long keys, " + valueBytes() + "-byte values; 1 op = put + get";
    }

    /**
     * The shm {@link SharedMap}.
     */
    public abstract static class Shm extends MapPutGet
    {
        Shm(final String name, final int valueBytes)
        {
            super(name, valueBytes);
        }

        @Override
        public final String description()
        {
            return "SharedMap<Long, byte[]>: put then get of a random key, " + valueBytes() + "-byte values";
        }

        @Override
        public final Optional<String> baseline()
        {
            return Optional.of(valueBytes() == 8 ? CHRONICLE8 : CHRONICLE100);
        }

        @Override
        public final List<Target> targets()
        {
            return List.of(
                Target.ratioAtLeast(name(), valueBytes() == 8 ? CHRONICLE8 : CHRONICLE100, 1.0),
                Target.ratioAtLeast(name(), valueBytes() == 8 ? Scenarios.PYTHON_DICT8 : Scenarios.PYTHON_DICT100,
                    100));
        }

        @Override
        protected final void prepare(final ParentContext context)
        {
            map(context.region());
        }

        @Override
        public final Worker worker(final WorkerContext context)
        {
            final MapWorkload workload =
                new MapWorkload(map(context.region()), valueBytes(), 31L * context.index()).warmedUp(WARM_UP_PAIRS);
            return workload::putGet;
        }

        private SharedMap<Long, byte[]> map(final SharedRegion region)
        {
            return region.map(name(), Long.class, byte[].class, MapWorkload.KEYS, 8 + valueBytes());
        }
    }

    /**
     * Chronicle Map, persisted to a file next to the region (created by the first child under a file lock).
     */
    public abstract static class Chronicle extends MapPutGet
    {
        Chronicle(final String name, final int valueBytes)
        {
            super(name, valueBytes);
        }

        @Override
        public final String description()
        {
            return "Chronicle Map<Long, byte[]> persisted in /dev/shm: put then get of a random key, " +
                valueBytes() + "-byte values";
        }

        @Override
        protected final List<String> jvmArgs()
        {
            return ChronicleJvm.FLAGS;
        }

        @Override
        protected final void prepare(final ParentContext context)
        {
            context.file(".chronicle");
            context.file(".chronicle.lock");
        }

        @Override
        public final Worker worker(final WorkerContext context) throws IOException
        {
            final ChronicleMap<Long, byte[]> map = open(context.file(".chronicle"), context.file(".chronicle.lock"));
            final MapWorkload workload =
                new MapWorkload(map, valueBytes(), 31L * context.index()).warmedUp(WARM_UP_PAIRS);
            return new Worker()
            {
                @Override
                public void operation()
                {
                    workload.putGet();
                }

                @Override
                public void close()
                {
                    map.close();
                }
            };
        }

        private ChronicleMap<Long, byte[]> open(final Path file, final Path lockFile) throws IOException
        {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock())
            {
                return ChronicleMap.of(Long.class, byte[].class)
                    .name(name())
                    .entries(MapWorkload.KEYS)
                    .averageValueSize(valueBytes())
                    .createPersistedTo(file.toFile());
            }
        }
    }

    /** {@code map8}. */
    public static final class Shm8 extends Shm
    {
        /** The scenario. */
        public Shm8()
        {
            super(SHM8, 8);
        }
    }

    /** {@code map100}. */
    public static final class Shm100 extends Shm
    {
        /** The scenario. */
        public Shm100()
        {
            super(SHM100, 100);
        }
    }

    /** {@code chronicle.map8}. */
    public static final class Chronicle8 extends Chronicle
    {
        /** The scenario. */
        public Chronicle8()
        {
            super(CHRONICLE8, 8);
        }
    }

    /** {@code chronicle.map100}. */
    public static final class Chronicle100 extends Chronicle
    {
        /** The scenario. */
        public Chronicle100()
        {
            super(CHRONICLE100, 100);
        }
    }
}

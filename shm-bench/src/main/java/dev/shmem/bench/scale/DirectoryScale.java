package dev.shmem.bench.scale;

import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * How the directory's costs grow with the number of entries (issue 21): for regions of 1,000, 100,000 and
 * 1,000,000 long values, the time to create an entry, to look one up by name (a {@code String} in hand, random
 * order, so at a million entries most lookups miss the caches; the first lookup of a name in a JVM walks the
 * shared index and records, later ones hit the JVM's map of names found), to open the region (which validates the whole
 * directory), and the bytes of region each entry costs. Public API only. Times are this thread's CPU time (user +
 * system, so page faults count), not wall time: the machine is shared and wall time mostly measures the wait for a
 * core. A 20,000-entry round first warms the JIT.
 *
 * <p>Run: {@code java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp shm-bench/target/benchmarks.jar
 * dev.shmem.bench.scale.DirectoryScale [DIR] [SIZES...]}
 */
public final class DirectoryScale
{
    private static final int LOOKUPS = 2_000_000;
    private static final int ROUNDS = 5;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DirectoryScale()
    {
    }

    public static void main(final String[] args) throws IOException
    {
        final Path dir = Path.of(args.length > 0 ? args[0] : "/dev/shm");
        final int[] sizes = args.length > 1 ?
            Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray() :
            new int[]{ 1_000, 100_000, 1_000_000 };
        System.out.println("warm-up:");
        measure(dir, 20_000);
        System.out.println("entries\tcreate ns/entry\tfirst lookup ns (each name once, random order)\t" +
            "lookup ns (random, median of " + ROUNDS + ")\t" +
            "HashMap.get ns (same names, same order)\tlookup ns (same name)\topen ms\tregion bytes/entry\tregion MiB");
        for (final int n : sizes)
        {
            measure(dir, n);
        }
    }

    private static void measure(final Path dir, final int n) throws IOException
    {
        // Per docs/FORMAT.md: a record (192 B), index words (8 B x a power of two >= 2n), a long value's 128 B.
        final long indexWords = Long.highestOneBit(Math.max(1, 2L * n - 1)) << 1;
        final long directoryBytes = 192L * n + 8 * indexWords;
        final long capacity = align(directoryBytes + 128L * n + (2 << 20), 4096);
        final Path path = Files.createTempFile(dir, "scale-" + n + "-", ".shm");
        Files.delete(path);
        final String[] names = new String[n];
        for (int i = 0; i < n; i++)
        {
            names[i] = "counter." + i;
        }
        try
        {
            final long createNanos;
            try (SharedRegion region = SharedRegion.builder(path).capacity(capacity).maxEntries(n).create())
            {
                final long start = cpuNanos();
                for (int i = 0; i < n; i++)
                {
                    region.longValue(names[i]).set(i);
                }
                createNanos = cpuNanos() - start;
            }
            final long openStart = cpuNanos();
            try (SharedRegion region = SharedRegion.open(path))
            {
                final long openNanos = cpuNanos() - openStart;
                final Random random = new Random(42);
                final int[] once = new int[n];
                for (int i = 0; i < n; i++)
                {
                    once[i] = i;
                }
                for (int i = n - 1; i > 0; i--)
                {
                    final int j = random.nextInt(i + 1);
                    final int t = once[i];
                    once[i] = once[j];
                    once[j] = t;
                }
                long sink = 0;
                // First lookup of each name in this JVM: the walk through the shared index and records.
                final long firstStart = cpuNanos();
                for (int i = 0; i < n; i++)
                {
                    sink += region.longValue(names[once[i]]).getPlain();
                }
                final double firstNanos = (cpuNanos() - firstStart) / (double)n;
                final int[] order = new int[LOOKUPS];
                for (int i = 0; i < LOOKUPS; i++)
                {
                    order[i] = random.nextInt(n);
                }
                final double[] rounds = new double[ROUNDS];
                for (int round = -2; round < ROUNDS; round++)
                {
                    final long start = cpuNanos();
                    for (int i = 0; i < LOOKUPS; i++)
                    {
                        sink += region.longValue(names[order[i]]).getPlain();
                    }
                    if (round >= 0)
                    {
                        rounds[round] = (cpuNanos() - start) / (double)LOOKUPS;
                    }
                }
                Arrays.sort(rounds);
                final java.util.Map<String, Integer> map = new java.util.HashMap<>();
                for (int i = 0; i < n; i++)
                {
                    map.put(names[i], i);
                }
                final double[] mapRounds = new double[ROUNDS];
                for (int round = -2; round < ROUNDS; round++)
                {
                    final long start = cpuNanos();
                    for (int i = 0; i < LOOKUPS; i++)
                    {
                        sink += map.get(names[order[i]]);
                    }
                    if (round >= 0)
                    {
                        mapRounds[round] = (cpuNanos() - start) / (double)LOOKUPS;
                    }
                }
                Arrays.sort(mapRounds);
                final long hotStart = cpuNanos();
                final String hot = names[n / 2];
                for (int i = 0; i < LOOKUPS; i++)
                {
                    sink += region.longValue(hot).getPlain();
                }
                final double hotNanos = (cpuNanos() - hotStart) / (double)LOOKUPS;
                System.out.printf("%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.1f%s%n", n,
                    createNanos / (double)n, firstNanos, rounds[ROUNDS / 2], mapRounds[ROUNDS / 2], hotNanos, openNanos / 1e6, (directoryBytes + 128.0 * n) / n,
                    capacity / (double)(1 << 20), sink == 42 ? " " : "");
            }
        }
        finally
        {
            Files.deleteIfExists(path);
        }
    }

    private static long cpuNanos()
    {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static long align(final long value, final long alignment)
    {
        return (value + alignment - 1) / alignment * alignment;
    }
}

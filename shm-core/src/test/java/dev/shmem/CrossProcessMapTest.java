package dev.shmem;

import dev.shmem.process.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared map across real JVMs: a mixed workload equal to its model, and kill -9 of writers mid-put.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CrossProcessMapTest
{
    private static final long CAPACITY = 16 << 20;
    private static final int JVMS = 4;
    private static final int OPS = 100_000;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void fourJvmsOfMixedOperationsEndEqualToTheModel() throws Exception
    {
        final Path path = dir.resolve("mixed.shm");
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            final SharedMap<String, Long> map = MapChildren.mixedMap(region);
            final long start = System.nanoTime();
            final List<ChildJvm> children = Children.startTogether(region, MapChildren.Mixed.class, JVMS,
                i -> new String[] {path.toString(), Integer.toString(i), Integer.toString(OPS)});
            Children.awaitAll(children);
            System.out.printf("map: %d JVMs x %d mixed ops in %d ms (incl. JVM start)%n", JVMS, OPS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            final Map<String, Long> model = new HashMap<>();
            for (int id = 0; id < JVMS; id++)
            {
                MapChildren.workload(id, OPS, model, null);
            }
            long merges = 0;
            for (int c = 0; c < MapChildren.SHARED_COUNTERS; c++)
            {
                merges += map.getOrDefault("shared-" + c, 0L);
            }
            assertEquals(model.entrySet().stream().filter(e -> e.getKey().startsWith("shared-"))
                .mapToLong(Map.Entry::getValue).sum(), merges, "merge counters");
            assertEquals(model.size(), map.size());
            assertEquals(model, new HashMap<>(map));
            assertEquals("", MapInternals.problems(map));
        }
    }

    @Test
    void killMinus9OfAWriterInAPutLoopLeavesTheMapConsistentAndUnblocked() throws Exception
    {
        final Path path = dir.resolve("kill.shm");
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            final SharedMap<String, String> map = MapChildren.putMap(region);
            final SharedLong progress = region.longValue("progress");
            for (int k = 0; k < MapChildren.PRELOADED; k++)
            {
                map.put("k" + k, MapChildren.value("k" + k, 0));
            }
            long worstNanos = 0;
            long takeoversBefore = MapInternals.takeovers(map);
            for (int round = 0; round < 20; round++)
            {
                final long target = progress.get() + 2048;
                try (ChildJvm doomed = ChildJvm.start(MapChildren.Putter.class, path.toString()))
                {
                    Children.awaitValue(progress, target);
                    TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextInt(20_000));
                    doomed.kill();
                    assertTrue(doomed.waitFor(Children.TIMEOUT), "killed child did not exit");
                }
                // The next writer: one put into every key, so into every segment the dead one may have held.
                for (int k = 0; k < MapChildren.PRELOADED; k++)
                {
                    final String key = "k" + k;
                    final long start = System.nanoTime();
                    map.put(key, MapChildren.value(key, -round));
                    worstNanos = Math.max(worstNanos, System.nanoTime() - start);
                }
                checkConsistent(map, round);
            }
            final long takeovers = MapInternals.takeovers(map) - takeoversBefore;
            System.out.printf("map: 20 kills, %d segment locks taken over from the dead, worst next put %.1f ms%n",
                takeovers, worstNanos / 1e6);
            assertTrue(worstNanos < TimeUnit.SECONDS.toNanos(1), "a put after a kill took " + worstNanos / 1e6 + " ms");
        }
    }

    private static void checkConsistent(final SharedMap<String, String> map, final int round)
    {
        assertEquals("", MapInternals.problems(map), "after kill " + round);
        int iterated = 0;
        int strays = 0;
        for (final Map.Entry<String, String> e : map.entrySet())
        {
            iterated++;
            assertTrue(MapChildren.isWritten(e.getKey(), e.getValue()),
                "after kill " + round + ": " + e.getKey() + " = " + e.getValue() + " was never written");
            if (e.getKey().startsWith("n"))
            {
                strays++;
                map.remove(e.getKey());
            }
        }
        assertTrue(strays <= 1, "after kill " + round + ": " + strays + " fresh keys left, at most 1 expected");
        assertEquals(MapChildren.PRELOADED + strays, iterated, "after kill " + round + ": entries");
        for (int k = 0; k < MapChildren.PRELOADED; k++)
        {
            assertTrue(map.containsKey("k" + k), "after kill " + round + ": k" + k + " lost");
        }
        assertEquals(MapChildren.PRELOADED, map.size(), "after kill " + round + ": size");
    }
}

package dev.shmem;

import dev.shmem.process.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrossProcessValuesTest
{
    private static final int CHILDREN = 4;
    private static final long INCREMENTS = 1_000_000;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void fourJvmsIncrementingAtomicallyLoseNothing() throws Exception
    {
        final Path path = dir.resolve("atomic.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLong counter = region.longValue("counter");
            Children.awaitAll(Children.startTogether(region, Children.Counter.class, CHILDREN,
                i -> new String[]{ path.toString(), "atomic", Long.toString(INCREMENTS) }));
            assertEquals(CHILDREN * INCREMENTS, counter.get());
        }
    }

    @Test
    void fourJvmsIncrementingWithPlainGetThenSetCanLoseUpdates() throws Exception
    {
        final Path path = dir.resolve("plain.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLong counter = region.longValue("counter");
            Children.awaitAll(Children.startTogether(region, Children.Counter.class, CHILDREN,
                i -> new String[]{ path.toString(), "plain", Long.toString(INCREMENTS) }));
            final long expected = CHILDREN * INCREMENTS;
            final long lost = expected - counter.get();
            System.out.printf("plain get/set: %d of %d increments lost (%.1f%%)%n", lost, expected,
                100.0 * lost / expected);
            assertTrue(counter.get() > 0 && counter.get() <= expected, "final " + counter.get());
        }
    }

    @Test
    void arrayVerbsFromTwoJvmsAddUp() throws Exception
    {
        final Path path = dir.resolve("arrays.shm");
        final int rounds = 160_000;
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            Children.awaitAll(Children.startTogether(region, Children.ArrayWorker.class, 2,
                i -> new String[]{ path.toString(), Integer.toString(rounds) }));
            final int perElement = 2 * rounds / 16;
            final int[] ints = new int[16];
            final long[] longs = new long[16];
            final double[] doubles = new double[16];
            java.util.Arrays.fill(ints, perElement);
            java.util.Arrays.fill(longs, 3L * perElement);
            java.util.Arrays.fill(doubles, 0.5 * perElement);
            assertArrayEquals(ints, region.intArray("ints", 16).toArray());
            assertArrayEquals(longs, region.longArray("longs", 16).toArray());
            assertArrayEquals(doubles, region.doubleArray("doubles", 16).toArray());
        }
    }

    @Test
    void valuesWrittenByOneJvmAreReadByAnotherAfterReopen() throws Exception
    {
        final Path path = dir.resolve("reopen.shm");
        SharedRegion.create(path, Children.CAPACITY).close();
        try (ChildJvm writer = ChildJvm.start(Children.Writer.class, path.toString()))
        {
            writer.awaitSuccess(Children.TIMEOUT);
        }
        try (SharedRegion region = SharedRegion.open(path))
        {
            assertEquals(-7, region.intValue("i").get());
            assertEquals(Long.MIN_VALUE + 3, region.longValue("l").get());
            assertEquals(Math.PI, region.doubleValue("d").get());
            assertEquals(Double.doubleToRawLongBits(-0.0),
                Double.doubleToRawLongBits(region.doubleArray("da", 3).get(2)));
            assertEquals(99, region.longArray("la", 2).get(1));
            assertEquals(Integer.MAX_VALUE, region.intArray("ia", 4).get(3));
        }
    }

    @Test
    void jvmsRacingOpenOrCreateOnANewPathShareOneRegionAndOneEntryPerName() throws Exception
    {
        final Path path = dir.resolve("race.shm");
        final int names = 50;
        final long startAt = System.currentTimeMillis() + 1500;
        final List<ChildJvm> children = new ArrayList<>();
        for (int i = 0; i < CHILDREN; i++)
        {
            children.add(ChildJvm.start(Children.Opener.class, path.toString(),
                Long.toString(Children.CAPACITY), Integer.toString(names), Long.toString(startAt)));
        }
        Children.awaitAll(children);
        try (SharedRegion region = SharedRegion.open(path))
        {
            assertEquals(CHILDREN, region.longValue("hits").get());
            for (int i = 0; i < names; i++)
            {
                assertEquals(CHILDREN, region.longValue("e" + i).get(), "entry e" + i);
            }
        }
        assertEquals(List.of(), RegionInspection.attachedPids(path), "children detached on close");
    }

    @Test
    void threadsRacingToCreateTheSameNamesGetOneEntryEach() throws Exception
    {
        final Path path = dir.resolve("threads.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final int threads = 8;
            final int names = 200;
            final java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
            final List<Thread> workers = new ArrayList<>();
            final List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < threads; t++)
            {
                final Thread worker = new Thread(() ->
                {
                    try
                    {
                        barrier.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < names; i++)
                        {
                            region.longValue("n" + i).incrementAndGet();
                        }
                    }
                    catch (final Exception | AssertionError ex)
                    {
                        errors.add(ex);
                    }
                });
                workers.add(worker);
                worker.start();
            }
            for (final Thread worker : workers)
            {
                worker.join(TimeUnit.SECONDS.toMillis(60));
            }
            assertEquals(List.of(), errors);
            for (int i = 0; i < names; i++)
            {
                assertEquals(threads, region.longValue("n" + i).get(), "entry n" + i);
            }
        }
    }

}

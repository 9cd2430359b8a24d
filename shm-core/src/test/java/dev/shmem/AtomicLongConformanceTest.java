package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code java.util.concurrent.atomic} verbs on every integral shm value: one base, a subclass per
 * implementation (and one for {@link java.util.concurrent.atomic.AtomicLong}, which shows the expectations are
 * the JDK's). Values are exercised within the range of an int so the int implementations share the tests; their
 * overflow is tested separately.
 */
abstract class AtomicLongConformanceTest
{
    /** The verbs, as a common shape over long and int values and array elements. */
    interface Verbs
    {
        long get();

        void set(long v);

        long getAcquire();

        long getPlain();

        void setPlain(long v);

        void setRelease(long v);

        long getAndSet(long v);

        boolean compareAndSet(long expected, long v);

        long getAndAdd(long d);

        long addAndGet(long d);

        long incrementAndGet();

        long getAndIncrement();

        long decrementAndGet();

        long getAndDecrement();
    }

    private Path dir;
    SharedRegion region;

    /**
     * @param region a fresh region.
     * @return a new value, starting at 0.
     */
    abstract Verbs newValue(SharedRegion region);

    @BeforeEach
    void open() throws IOException
    {
        dir = TempRegionDir.createRoot();
        region = SharedRegion.create(dir.resolve("values.shm"), 1 << 20);
    }

    @AfterEach
    void close()
    {
        region.close();
        TempRegionDir.deleteRecursively(dir);
    }

    @Test
    void startsAtZero()
    {
        assertEquals(0, newValue(region).get());
    }

    @Test
    void setGetAndOrderedVariants()
    {
        final Verbs v = newValue(region);
        v.set(5);
        assertEquals(5, v.get());
        v.setRelease(-6);
        assertEquals(-6, v.getAcquire());
        v.setPlain(11);
        assertEquals(11, v.getPlain());
        assertEquals(11, v.get());
        v.set(-6);
        assertEquals(-6, v.getPlain());
        assertEquals(-6, v.getAndSet(7));
        assertEquals(7, v.get());
    }

    @Test
    void compareAndSetSucceedsOnlyOnTheExpectedValue()
    {
        final Verbs v = newValue(region);
        assertFalse(v.compareAndSet(1, 2));
        assertEquals(0, v.get());
        assertTrue(v.compareAndSet(0, 2));
        assertEquals(2, v.get());
    }

    @Test
    void addFamilyReturnsPreviousOrUpdated()
    {
        final Verbs v = newValue(region);
        assertEquals(0, v.getAndAdd(10));
        assertEquals(15, v.addAndGet(5));
        assertEquals(16, v.incrementAndGet());
        assertEquals(16, v.getAndIncrement());
        assertEquals(16, v.decrementAndGet());
        assertEquals(16, v.getAndDecrement());
        assertEquals(15, v.get());
    }

    @Test
    void concurrentIncrementsFromFourThreadsLoseNothing() throws Exception
    {
        final Verbs v = newValue(region);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                done.add(pool.submit(() ->
                {
                    for (int i = 0; i < 100_000; i++)
                    {
                        v.incrementAndGet();
                        v.getAndAdd(2);
                        long seen;
                        do
                        {
                            seen = v.get();
                        }
                        while (!v.compareAndSet(seen, seen - 2));
                    }
                }));
            }
            for (final Future<?> f : done)
            {
                f.get();
            }
            assertEquals(400_000, v.get());
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}

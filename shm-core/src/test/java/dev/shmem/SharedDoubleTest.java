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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedDoubleTest
{
    private Path dir;
    private SharedRegion region;

    @BeforeEach
    void open() throws IOException
    {
        dir = TempRegionDir.createRoot();
        region = SharedRegion.create(dir.resolve("doubles.shm"), 1 << 20);
    }

    @AfterEach
    void close()
    {
        region.close();
        TempRegionDir.deleteRecursively(dir);
    }

    @Test
    void verbsOfAValue()
    {
        final SharedDouble d = region.doubleValue("d");
        assertEquals(0.0, d.get());
        d.set(1.5);
        assertEquals(1.5, d.getAndAdd(2.0));
        assertEquals(4.0, d.addAndGet(0.5));
        d.setPlain(3.25);
        assertEquals(3.25, d.getPlain());
        d.setRelease(-2.5);
        assertEquals(-2.5, d.getAcquire());
        assertEquals(-2.5, d.getAndSet(Double.NaN));
        assertTrue(Double.isNaN(d.get()));
        assertTrue(d.compareAndSet(Double.NaN, 0.0), "same NaN bits compare equal");
        assertFalse(d.compareAndSet(-0.0, 1.0), "0.0 and -0.0 differ by bits");
        assertEquals(0.0, d.get());
    }

    @Test
    void verbsOfAnArrayElement()
    {
        final SharedDoubleArray a = region.doubleArray("a", 3);
        assertEquals(3, a.length());
        a.set(1, 0.25);
        assertEquals(0.25, a.getAndAdd(1, 0.25));
        assertEquals(1.0, a.addAndGet(1, 0.5));
        a.setPlain(0, 0.5);
        assertEquals(0.5, a.getPlain(0));
        a.set(0, 0.0);
        a.setRelease(2, 7.0);
        assertEquals(7.0, a.getAcquire(2));
        assertEquals(7.0, a.getAndSet(2, 8.0));
        assertTrue(a.compareAndSet(2, 8.0, 9.0));
        assertFalse(a.compareAndSet(2, 8.0, 10.0));
        assertArrayEquals(new double[]{ 0.0, 1.0, 9.0 }, a.toArray());
    }

    @Test
    void concurrentAddsFromFourThreadsAreExact() throws Exception
    {
        final SharedDouble d = region.doubleValue("sum");
        final SharedDoubleArray a = region.doubleArray("sums", 2);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try
        {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++)
            {
                done.add(pool.submit(() ->
                {
                    for (int i = 0; i < 50_000; i++)
                    {
                        d.addAndGet(0.5);
                        a.getAndAdd(1, 0.25);
                    }
                }));
            }
            for (final Future<?> f : done)
            {
                f.get();
            }
            assertEquals(100_000.0, d.get());
            assertEquals(50_000.0, a.get(1));
            assertEquals(0.0, a.get(0));
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}

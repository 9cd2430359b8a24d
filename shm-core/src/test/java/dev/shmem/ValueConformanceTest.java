package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code java.util.concurrent.atomic} verbs of {@link SharedLong}, {@link SharedInt} and {@link SharedDouble}
 * on any {@link SharedSpace}: a subclass per backend, and one on the JDK's atomics ({@link JdkSpace}), which shows
 * the expectations are the JDK's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ValueConformanceTest extends SpaceConformance
{
    @Test
    void valuesStartAtZero()
    {
        assertEquals(0, space.longValue("l").get());
        assertEquals(0, space.intValue("i").get());
        assertEquals(0.0, space.doubleValue("d").get());
        assertEquals("l", space.longValue("l").name());
    }

    @Test
    void setGetAndOrderedVariants()
    {
        final SharedLong v = space.longValue("v");
        v.set(5);
        assertEquals(5, v.get());
        v.setRelease(-6);
        assertEquals(-6, v.getAcquire());
        v.setPlain(11);
        assertEquals(11, v.getPlain());
        assertEquals(11, v.get());
        v.set(Long.MIN_VALUE);
        assertEquals(Long.MIN_VALUE, v.getPlain());
        assertEquals(Long.MIN_VALUE, v.getAndSet(7));
        assertEquals(7, v.get());
    }

    @Test
    void compareAndSetSucceedsOnlyOnTheExpectedValue()
    {
        final SharedLong v = space.longValue("v");
        assertFalse(v.compareAndSet(1, 2));
        assertEquals(0, v.get());
        assertTrue(v.compareAndSet(0, 2));
        assertEquals(2, v.get());
        final SharedInt i = space.intValue("i");
        assertFalse(i.compareAndSet(-1, 2));
        assertTrue(i.compareAndSet(0, -2));
        assertEquals(-2, i.getAcquire());
    }

    @Test
    void addFamilyReturnsPreviousOrUpdated()
    {
        final SharedLong v = space.longValue("v");
        assertEquals(0, v.getAndAdd(10));
        assertEquals(15, v.addAndGet(5));
        assertEquals(16, v.incrementAndGet());
        assertEquals(16, v.getAndIncrement());
        assertEquals(16, v.decrementAndGet());
        assertEquals(16, v.getAndDecrement());
        assertEquals(15, v.get());
    }

    @Test
    void intVerbsWrapAroundLikeAnInt()
    {
        final SharedInt v = space.intValue("wrap");
        v.set(Integer.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, v.incrementAndGet());
        assertEquals(Integer.MIN_VALUE, v.getAndDecrement());
        assertEquals(Integer.MAX_VALUE, v.getPlain());
        v.setPlain(3);
        assertEquals(3, v.getAndSet(4));
        assertEquals(5, v.addAndGet(1));
        assertEquals(5, v.getAndIncrement());
        assertEquals(5, v.decrementAndGet());
        v.setRelease(-1);
        assertEquals(-1, v.getAndAdd(Integer.MIN_VALUE));
        assertEquals(Integer.MAX_VALUE, v.get());
    }

    @Test
    void doubleVerbsCompareBits()
    {
        final SharedDouble d = space.doubleValue("d");
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
    void aNameOfAnotherTypeIsRefused()
    {
        space.longValue("v");
        assertThrows(IllegalStateException.class, () -> space.intValue("v"));
        assertThrows(IllegalArgumentException.class, () -> space.longValue(""));
    }

    @Test
    void concurrentUpdatesFromFourThreadsLoseNothing() throws Exception
    {
        final SharedLong v = space.longValue("v");
        final SharedInt i = space.intValue("i");
        final SharedDouble d = space.doubleValue("d");
        final int rounds = scaled(100_000);
        concurrently(4, () ->
        {
            for (int r = 0; r < rounds; r++)
            {
                v.incrementAndGet();
                v.getAndAdd(2);
                long seen;
                do
                {
                    seen = v.get();
                }
                while (!v.compareAndSet(seen, seen - 2));
                i.getAndIncrement();
                d.addAndGet(0.5);
            }
        });
        assertEquals(4L * rounds, v.get());
        assertEquals(4 * rounds, i.get());
        assertEquals(2.0 * rounds, d.get());
    }
}

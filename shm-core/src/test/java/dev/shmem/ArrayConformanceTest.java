package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The element verbs of {@link SharedLongArray}, {@link SharedIntArray} and {@link SharedDoubleArray} on any
 * {@link SharedSpace}, as {@code AtomicLongArray}'s: a subclass per backend.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ArrayConformanceTest extends SpaceConformance
{
    @Test
    void longElementVerbsTouchOnlyTheirElement()
    {
        final SharedLongArray a = space.longArray("a", 3);
        assertEquals(3, a.length());
        assertEquals("a", a.name());
        a.set(2, -1);
        assertEquals(0, a.incrementAndGet(2));
        assertEquals(0, a.getAndAdd(2, Long.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, a.getAndIncrement(2));
        assertEquals(Long.MIN_VALUE, a.getAcquire(2));
        a.setRelease(1, 5);
        assertEquals(5, a.getAndDecrement(1));
        assertEquals(3, a.decrementAndGet(1));
        assertEquals(8, a.addAndGet(1, 5));
        assertFalse(a.compareAndSet(1, 7, 9));
        assertTrue(a.compareAndSet(1, 8, 9));
        assertEquals(9, a.getAndSet(1, 10));
        a.setPlain(0, 4);
        assertEquals(4, a.getPlain(0));
        assertArrayEquals(new long[]{ 4, 10, Long.MIN_VALUE }, a.toArray());
    }

    @Test
    void intElementVerbsWrapAroundLikeAnInt()
    {
        final SharedIntArray a = space.intArray("a", 3);
        a.set(1, -1);
        assertEquals(-1, a.getAndAdd(1, Integer.MIN_VALUE + 1));
        assertEquals(Integer.MIN_VALUE, a.get(1));
        assertEquals(Integer.MAX_VALUE, a.decrementAndGet(1));
        assertEquals(Integer.MAX_VALUE, a.getAndIncrement(1));
        assertEquals(Integer.MIN_VALUE + 1, a.incrementAndGet(1));
        assertTrue(a.compareAndSet(1, Integer.MIN_VALUE + 1, 7));
        assertEquals(7, a.getAndDecrement(1));
        assertEquals(16, a.addAndGet(1, 10));
        assertEquals(16, a.getAndSet(1, 2));
        a.setRelease(2, 3);
        assertEquals(3, a.getAcquire(2));
        a.setPlain(0, 1);
        assertEquals(1, a.getPlain(0));
        assertArrayEquals(new int[]{ 1, 2, 3 }, a.toArray());
    }

    @Test
    void doubleElementVerbs()
    {
        final SharedDoubleArray a = space.doubleArray("a", 3);
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
    void longArraysSpanManyElements()
    {
        final SharedLongArray a = space.longArray("big", 200);
        a.set(0, 1);
        a.set(63, 2);
        a.set(64, 3);
        a.set(199, 4);
        final long[] all = a.toArray();
        assertEquals(200, all.length);
        assertEquals(1, all[0]);
        assertEquals(2, all[63]);
        assertEquals(3, all[64]);
        assertEquals(4, all[199]);
        assertEquals(10, java.util.Arrays.stream(all).sum());
    }

    @Test
    void lengthMustMatchAndIndexMustBeInBounds()
    {
        final SharedIntArray a = space.intArray("a", 3);
        assertEquals(3, space.intArray("a", 3).length());
        assertThrows(IllegalStateException.class, () -> space.intArray("a", 4));
        assertThrows(IllegalStateException.class, () -> space.longArray("a", 3));
        assertThrows(IllegalArgumentException.class, () -> space.intArray("b", -1));
        final IndexOutOfBoundsException ex = assertThrows(IndexOutOfBoundsException.class, () -> a.get(3));
        assertTrue(ex.getMessage().contains("3"), ex.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> a.set(-1, 0));
        assertEquals(0, space.longArray("empty", 0).toArray().length);
    }

    @Test
    void concurrentElementUpdatesFromFourThreadsAreExact() throws Exception
    {
        final SharedLongArray longs = space.longArray("longs", 2);
        final SharedDoubleArray doubles = space.doubleArray("doubles", 2);
        final int rounds = scaled(50_000);
        concurrently(4, () ->
        {
            for (int r = 0; r < rounds; r++)
            {
                longs.incrementAndGet(1);
                doubles.getAndAdd(1, 0.25);
            }
        });
        assertEquals(4L * rounds, longs.get(1));
        assertEquals(rounds, doubles.get(1));
        assertEquals(0, longs.get(0));
        assertEquals(0.0, doubles.get(0));
    }
}

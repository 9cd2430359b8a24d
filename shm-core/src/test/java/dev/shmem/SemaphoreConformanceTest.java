package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link java.util.concurrent.Semaphore} verbs, in one JVM with several threads, on any {@link SharedSpace}: a
 * subclass per backend (through {@link SharedSemaphoreConformanceTest}) and one on the JDK's semaphore
 * ({@link JdkSpace}), which shows the expectations are the JDK's.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class SemaphoreConformanceTest extends SpaceConformance
{
    /**
     * @param permits initial permits.
     * @return a new semaphore of the space under test.
     */
    protected SharedSemaphore newSemaphore(final int permits)
    {
        return space.semaphore("s", permits);
    }

    @Test
    void permitsAreCountedDownAndUp() throws Exception
    {
        final SharedSemaphore s = newSemaphore(3);
        assertEquals(3, s.availablePermits());
        s.acquire(2);
        assertEquals(1, s.availablePermits());
        assertFalse(s.tryAcquire(2));
        assertTrue(s.tryAcquire(1));
        assertEquals(0, s.availablePermits());
        s.release(3);
        assertEquals(3, s.drainPermits());
        assertEquals(0, s.availablePermits());
        s.release(3);
    }

    @Test
    void timedAcquireGivesUpAndTakesNothing() throws Exception
    {
        final SharedSemaphore s = newSemaphore(1);
        final long start = System.nanoTime();
        assertFalse(s.tryAcquire(2, 150, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
        assertEquals(1, s.availablePermits());
    }

    @Test
    void blockedAcquireWakesOnRelease() throws Exception
    {
        final SharedSemaphore s = newSemaphore(0);
        final CountDownLatch started = new CountDownLatch(1);
        final Future<Boolean> got = other.submit(() ->
        {
            started.countDown();
            return s.tryAcquire(2, 30, TimeUnit.SECONDS);
        });
        started.await();
        s.release(1);
        s.release(1);
        assertTrue(got.get());
        assertEquals(0, s.availablePermits());
    }

    @Test
    void interruptedAcquireThrowsAndTakesNothing() throws Exception
    {
        final SharedSemaphore s = newSemaphore(1);
        final CountDownLatch started = new CountDownLatch(1);
        final List<Throwable> outcome = new ArrayList<>();
        final Thread waiter = new Thread(() ->
        {
            started.countDown();
            try
            {
                s.acquire(2);
                outcome.add(new AssertionError("acquired 2 of 1"));
            }
            catch (final InterruptedException expected)
            {
                outcome.add(expected);
            }
        });
        waiter.start();
        started.await();
        waiter.interrupt();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(waiter.isAlive());
        assertTrue(outcome.get(0) instanceof InterruptedException, outcome.toString());
        assertEquals(1, s.availablePermits());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> s.acquire(1));
        assertEquals(1, s.availablePermits());
    }

    @Test
    void negativePermitsAreRefused()
    {
        final SharedSemaphore s = newSemaphore(1);
        assertThrows(IllegalArgumentException.class, () -> s.acquire(-1));
        assertThrows(IllegalArgumentException.class, () -> s.tryAcquire(-1));
        assertThrows(IllegalArgumentException.class, () -> s.release(-1));
        assertEquals(1, s.availablePermits());
    }

    @Test
    void negativeInitialPermitsMustBeReleasedFirst() throws Exception
    {
        final SharedSemaphore s = newSemaphore(-3);
        assertEquals(-3, s.availablePermits());
        assertFalse(s.tryAcquire(1));
        assertFalse(s.tryAcquire(1, 20, TimeUnit.MILLISECONDS));
        final Future<Boolean> waiter = other.submit(() -> s.tryAcquire(1, 10, TimeUnit.SECONDS));
        s.release(3);
        assertEquals(0, s.availablePermits());
        s.release(1);
        assertTrue(waiter.get(10, TimeUnit.SECONDS), "the fourth release lets a waiter through");
        assertEquals(0, s.availablePermits());
        s.release(1);
        assertEquals(1, s.drainPermits());
        assertEquals(0, s.availablePermits());
    }

    @Test
    void drainPermitsOfANegativeCountReleasesIt()
    {
        final SharedSemaphore s = newSemaphore(-2);
        assertEquals(-2, s.drainPermits());
        assertEquals(0, s.availablePermits());
        assertEquals(0, s.drainPermits());
    }

    @Test
    void threadsNeverExceedThePermits() throws Exception
    {
        final SharedSemaphore s = newSemaphore(2);
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final int rounds = scaled(20_000);
        concurrently(4, () ->
        {
            for (int i = 0; i < rounds; i++)
            {
                s.acquire(1);
                max.accumulateAndGet(inside.incrementAndGet(), Math::max);
                inside.decrementAndGet();
                s.release(1);
            }
        });
        assertTrue(max.get() <= 2, "max inside " + max.get());
        assertEquals(2, s.availablePermits());
    }
}

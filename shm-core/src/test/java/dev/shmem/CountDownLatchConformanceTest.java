package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link CountDownLatch} verbs, in one JVM with several threads: one base, a subclass per {@link SharedSpace}
 * backend and one for the JDK's latch, which shows the expectations are the JDK's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class CountDownLatchConformanceTest
{
    /** The verbs both latches share. */
    interface Verbs
    {
        void countDown();

        long getCount();

        void await() throws InterruptedException;

        boolean await(long timeout, TimeUnit unit) throws InterruptedException;
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int created;

    /**
     * @param name  a name unique in the test.
     * @param count initial count.
     * @return a new latch.
     */
    abstract Verbs newLatch(String name, int count);

    /**
     * @param latch a space's latch.
     * @return its verbs.
     */
    static Verbs of(final SharedCountDownLatch latch)
    {
        return new Verbs()
        {
            public void countDown() { latch.countDown(); }
            public long getCount() { return latch.getCount(); }
            public void await() throws InterruptedException { latch.await(); }
            public boolean await(final long t, final TimeUnit u) throws InterruptedException
            {
                return latch.await(t, u);
            }
        };
    }

    @AfterEach
    void stopThreads()
    {
        threads.shutdownNow();
    }

    private Verbs latch(final int count)
    {
        return newLatch("latch-" + created++, count);
    }

    @Test
    void aLatchAtZeroDoesNotBlock() throws Exception
    {
        final Verbs latch = latch(0);
        assertEquals(0, latch.getCount());
        latch.await();
        assertTrue(latch.await(0, TimeUnit.SECONDS));
    }

    @Test
    void countDownLowersTheCountAndStopsAtZero()
    {
        final Verbs latch = latch(2);
        assertEquals(2, latch.getCount());
        latch.countDown();
        assertEquals(1, latch.getCount());
        latch.countDown();
        latch.countDown();
        assertEquals(0, latch.getCount());
    }

    @Test
    void theLastCountDownReleasesEveryWaiterWithTheWritesBeforeIt() throws Exception
    {
        final Verbs latch = latch(3);
        final int[] box = new int[3];
        final List<Future<Integer>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            waiters.add(threads.submit(() ->
            {
                latch.await();
                return box[0] + box[1] + box[2];
            }));
        }
        for (int i = 0; i < 3; i++)
        {
            final int k = i;
            threads.submit(() ->
            {
                box[k] = k + 1;
                latch.countDown();
            }).get(10, TimeUnit.SECONDS);
        }
        for (final Future<Integer> waiter : waiters)
        {
            assertEquals(6, waiter.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTimedAwaitReturnsFalseAfterTheTimeout() throws Exception
    {
        final Verbs latch = latch(1);
        final long start = System.nanoTime();
        assertFalse(latch.await(200, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190), "gave up early");
        assertEquals(1, latch.getCount());
    }

    @Test
    void aTimedAwaitReturnsTrueWhenReleasedInTime() throws Exception
    {
        final Verbs latch = latch(1);
        final Future<Boolean> waiter = threads.submit(() -> latch.await(30, TimeUnit.SECONDS));
        Thread.sleep(50);
        latch.countDown();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptStopsTheWait() throws Exception
    {
        final Verbs latch = latch(1);
        Interrupts.assertInterruptStops(threads, latch::await);
        assertEquals(1, latch.getCount());
    }

    @Test
    void anInterruptedThreadThrowsEvenAtZero()
    {
        final Verbs latch = latch(0);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, latch::await);
        assertFalse(Thread.interrupted());
    }
}

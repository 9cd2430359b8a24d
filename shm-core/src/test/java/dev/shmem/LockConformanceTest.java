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
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link Lock} in shm must do, in one JVM with several threads, on any {@link SharedSpace}. A subclass
 * per lock kind and backend (through {@link RobustLockConformanceTest}), and one for {@link ReentrantLock}, which
 * shows that these tests describe the JDK's behaviour.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class LockConformanceTest extends SpaceConformance
{
    /**
     * @param space the fresh space of the test.
     * @return the lock under test (the same lock on every call).
     */
    protected abstract Lock newLock(SharedSpace space);

    @Test
    void lockThenUnlockLetsAnotherThreadIn() throws Exception
    {
        final Lock lock = newLock(space);
        lock.lock();
        assertFalse(other.submit(() -> lock.tryLock()).get());
        lock.unlock();
        assertTrue(other.submit(() ->
        {
            final boolean got = lock.tryLock();
            lock.unlock();
            return got;
        }).get());
    }

    @Test
    void tryLockWithTimeoutGivesUpAfterTheTimeoutAndTakesNothing() throws Exception
    {
        final Lock lock = newLock(space);
        lock.lock();
        try
        {
            final long start = System.nanoTime();
            assertFalse(other.submit(() -> lock.tryLock(150, TimeUnit.MILLISECONDS)).get());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(150));
        }
        finally
        {
            lock.unlock();
        }
        assertTrue(other.submit(() ->
        {
            final boolean got = lock.tryLock(1, TimeUnit.SECONDS);
            lock.unlock();
            return got;
        }).get());
    }

    @Test
    void tryLockWithTimeoutSucceedsWhenReleasedInTime() throws Exception
    {
        final Lock lock = newLock(space);
        lock.lock();
        final CountDownLatch waiting = new CountDownLatch(1);
        final Future<Boolean> got = other.submit(() ->
        {
            waiting.countDown();
            final boolean ok = lock.tryLock(30, TimeUnit.SECONDS);
            if (ok)
            {
                lock.unlock();
            }
            return ok;
        });
        waiting.await();
        lock.unlock();
        assertTrue(got.get());
    }

    @Test
    void lockInterruptiblyThrowsWhenInterruptedWhileWaitingAndLeavesTheLockAsItWas() throws Exception
    {
        final Lock lock = newLock(space);
        lock.lock();
        final CountDownLatch started = new CountDownLatch(1);
        final List<Throwable> outcome = new ArrayList<>();
        final Thread waiter = new Thread(() ->
        {
            started.countDown();
            try
            {
                lock.lockInterruptibly();
                outcome.add(new AssertionError("acquired a held lock"));
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
        assertFalse(waiter.isAlive(), "waiter did not react to interrupt");
        assertEquals(1, outcome.size());
        assertTrue(outcome.get(0) instanceof InterruptedException, outcome.toString());
        // Still held by this thread, and released normally.
        assertFalse(other.submit(() -> lock.tryLock()).get());
        lock.unlock();
        assertTrue(other.submit(() ->
        {
            final boolean got = lock.tryLock();
            lock.unlock();
            return got;
        }).get());
    }

    @Test
    void interruptedOnEntryThrowsWithoutAcquiring() throws Exception
    {
        final Lock lock = newLock(space);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, lock::lockInterruptibly);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> lock.tryLock(1, TimeUnit.SECONDS));
        assertTrue(other.submit(() ->
        {
            final boolean got = lock.tryLock();
            lock.unlock();
            return got;
        }).get(), "an interrupted acquire must not leave the lock held");
    }

    @Test
    void lockKeepsWaitingThroughAnInterruptAndKeepsTheInterruptStatus() throws Exception
    {
        final Lock lock = newLock(space);
        lock.lock();
        final CountDownLatch started = new CountDownLatch(1);
        final boolean[] result = new boolean[2];
        final Thread waiter = new Thread(() ->
        {
            started.countDown();
            lock.lock();
            result[0] = true;
            result[1] = Thread.currentThread().isInterrupted();
            lock.unlock();
        });
        waiter.start();
        started.await();
        // Whether the interrupt lands before or during the wait, lock() must not give up and must keep it.
        waiter.interrupt();
        assertFalse(result[0], "acquired while held");
        lock.unlock();
        waiter.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(waiter.isAlive());
        assertTrue(result[0], "never acquired");
        assertTrue(result[1], "interrupt status lost");
    }

    @Test
    void unlockByANonOwnerThrowsIllegalMonitorState() throws Exception
    {
        final Lock lock = newLock(space);
        assertThrows(IllegalMonitorStateException.class, lock::unlock, "unlock of a free lock");
        lock.lock();
        try
        {
            final Future<?> foreign = other.submit(lock::unlock);
            final Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class, foreign::get)
                .getCause();
            assertTrue(cause instanceof IllegalMonitorStateException, String.valueOf(cause));
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void threadsNeverOverlapInTheCriticalSection() throws Exception
    {
        final Lock lock = newLock(space);
        final int threads = 4;
        final int increments = scaled(50_000);
        final long[] counter = new long[1];
        final int[] inside = new int[1];
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final List<Future<Integer>> overlaps = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                overlaps.add(pool.submit(() ->
                {
                    int seen = 0;
                    for (int i = 0; i < increments; i++)
                    {
                        lock.lock();
                        try
                        {
                            if (++inside[0] != 1)
                            {
                                seen++;
                            }
                            counter[0] = counter[0] + 1;
                            inside[0]--;
                        }
                        finally
                        {
                            lock.unlock();
                        }
                    }
                    return seen;
                }));
            }
            int total = 0;
            for (final Future<Integer> f : overlaps)
            {
                total += f.get();
            }
            assertEquals(0, total, "critical sections overlapped");
            lock.lock();
            try
            {
                assertEquals((long)threads * increments, counter[0]);
            }
            finally
            {
                lock.unlock();
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}

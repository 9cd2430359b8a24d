package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Date;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link Condition} contract of a reentrant lock's conditions, in one JVM with several threads: one base, a
 * subclass per {@link SharedSpace} backend and one for {@link ReentrantLock#newCondition()}, which shows the
 * expectations are the JDK's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class ConditionConformanceTest
{
    /** A lock with what the tests need to see of it. */
    interface TestLock extends Lock
    {
        boolean isHeldByCurrentThread();

        int getHoldCount();
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int created;

    /**
     * @param name a name unique in the test.
     * @return a new reentrant lock, free.
     */
    abstract TestLock newLock(String name);

    /**
     * @param lock a space's reentrant lock.
     * @return it, as the tests see it.
     */
    static TestLock of(final SharedReentrantLock lock)
    {
        return new TestLock()
        {
            public boolean isHeldByCurrentThread() { return lock.isHeldByCurrentThread(); }
            public int getHoldCount() { return lock.getHoldCount(); }
            public void lock() { lock.lock(); }
            public void lockInterruptibly() throws InterruptedException { lock.lockInterruptibly(); }
            public boolean tryLock() { return lock.tryLock(); }
            public boolean tryLock(final long t, final TimeUnit u) throws InterruptedException
            {
                return lock.tryLock(t, u);
            }
            public void unlock() { lock.unlock(); }
            public Condition newCondition() { return lock.newCondition(); }
        };
    }

    @AfterEach
    void stopThreads()
    {
        threads.shutdownNow();
    }

    private TestLock lock()
    {
        return newLock("lock-" + created++);
    }

    @Test
    void everyVerbThrowsIllegalMonitorStateWithoutTheLock()
    {
        final Condition cond = lock().newCondition();
        assertThrows(IllegalMonitorStateException.class, cond::await);
        assertThrows(IllegalMonitorStateException.class, cond::awaitUninterruptibly);
        assertThrows(IllegalMonitorStateException.class, () -> cond.awaitNanos(1));
        assertThrows(IllegalMonitorStateException.class, () -> cond.await(1, TimeUnit.MILLISECONDS));
        assertThrows(IllegalMonitorStateException.class, () -> cond.awaitUntil(new Date()));
        assertThrows(IllegalMonitorStateException.class, cond::signal);
        assertThrows(IllegalMonitorStateException.class, cond::signalAll);
    }

    @Test
    void awaitReleasesTheLockAndHoldsItAgainAfterTheSignal() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        final boolean[] ready = new boolean[1];
        final Future<Boolean> waiter = threads.submit(() ->
        {
            lock.lock();
            try
            {
                while (!ready[0])
                {
                    cond.await();
                }
                return lock.isHeldByCurrentThread();
            }
            finally
            {
                lock.unlock();
            }
        });
        awaitQueued(lock, cond);
        lock.lock();
        try
        {
            ready[0] = true;
            cond.signal();
        }
        finally
        {
            lock.unlock();
        }
        assertTrue(waiter.get(10, TimeUnit.SECONDS), "holds the lock after await");
    }

    @Test
    void theHoldCountIsRestoredAfterAwait() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        lock.lock();
        lock.lock();
        lock.lock();
        try
        {
            assertFalse(threads.submit(() -> lock.tryLock()).get(), "held");
            final long start = System.nanoTime();
            assertFalse(cond.await(100, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(90), "gave up early");
            assertEquals(3, lock.getHoldCount());
            assertTrue(lock.isHeldByCurrentThread());
        }
        finally
        {
            lock.unlock();
            lock.unlock();
            lock.unlock();
        }
        assertFalse(lock.isHeldByCurrentThread());
    }

    @Test
    void anotherThreadCanTakeTheLockWhileAllHoldsAreReleasedInAwait() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        final Future<Integer> waiter = threads.submit(() ->
        {
            lock.lock();
            lock.lock();
            try
            {
                cond.await();
                return lock.getHoldCount();
            }
            finally
            {
                lock.unlock();
                lock.unlock();
            }
        });
        awaitQueued(lock, cond);
        assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "both holds released while waiting");
        try
        {
            cond.signal();
        }
        finally
        {
            lock.unlock();
        }
        assertEquals(2, waiter.get(10, TimeUnit.SECONDS));
    }

    @Test
    void timedAwaitsReportTheTimeout() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        lock.lock();
        try
        {
            assertTrue(cond.awaitNanos(TimeUnit.MILLISECONDS.toNanos(50)) <= 0);
            assertFalse(cond.await(50, TimeUnit.MILLISECONDS));
            assertFalse(cond.awaitUntil(new Date(System.currentTimeMillis() + 50)));
            assertFalse(cond.awaitUntil(new Date(System.currentTimeMillis() - 1000)), "a past deadline");
            assertTrue(lock.isHeldByCurrentThread());
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void aSignalWithNoWaiterIsNotRemembered() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        lock.lock();
        try
        {
            cond.signal();
            cond.signalAll();
            assertFalse(cond.await(50, TimeUnit.MILLISECONDS));
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void signalWakesOneWaiterTheOldestAndSignalAllTheRest() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        final AtomicInteger order = new AtomicInteger();
        final Future<Integer> first = threads.submit(() -> awaitOnce(lock, cond, order));
        awaitQueued(lock, cond);
        final Future<Integer> second = threads.submit(() -> awaitOnce(lock, cond, order));
        Thread.sleep(100);
        lock.lock();
        try
        {
            cond.signal();
        }
        finally
        {
            lock.unlock();
        }
        assertEquals(1, first.get(10, TimeUnit.SECONDS), "the oldest waiter is woken first");
        Thread.sleep(100);
        assertFalse(second.isDone(), "one signal wakes one waiter");
        lock.lock();
        try
        {
            cond.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        assertEquals(2, second.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anInterruptEndsAwaitWithTheLockHeld() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        final AtomicReference<Thread> victim = new AtomicReference<>();
        final Future<Boolean> waiter = threads.submit(() ->
        {
            lock.lock();
            try
            {
                victim.set(Thread.currentThread());
                cond.await();
                return false;
            }
            catch (final InterruptedException ex)
            {
                return lock.isHeldByCurrentThread();
            }
            finally
            {
                lock.unlock();
            }
        });
        awaitQueued(lock, cond);
        victim.get().interrupt();
        assertTrue(waiter.get(10, TimeUnit.SECONDS), "InterruptedException thrown with the lock held");
        lock.lock();
        try
        {
            assertFalse(cond.await(20, TimeUnit.MILLISECONDS), "the cancelled waiter left no signal behind");
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void anInterruptedThreadThrowsAtOnce()
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        lock.lock();
        try
        {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, cond::await);
            assertTrue(lock.isHeldByCurrentThread());
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void awaitUninterruptiblyKeepsWaitingAndKeepsTheInterrupt() throws Exception
    {
        final TestLock lock = lock();
        final Condition cond = lock.newCondition();
        final AtomicReference<Thread> victim = new AtomicReference<>();
        final Future<Boolean> waiter = threads.submit(() ->
        {
            lock.lock();
            try
            {
                victim.set(Thread.currentThread());
                cond.awaitUninterruptibly();
                return Thread.currentThread().isInterrupted();
            }
            finally
            {
                lock.unlock();
            }
        });
        awaitQueued(lock, cond);
        victim.get().interrupt();
        Thread.sleep(100);
        assertFalse(waiter.isDone(), "an interrupt does not end awaitUninterruptibly");
        lock.lock();
        try
        {
            cond.signal();
        }
        finally
        {
            lock.unlock();
        }
        assertTrue(waiter.get(10, TimeUnit.SECONDS), "the interrupt status is kept");
    }

    @Test
    void eachNewConditionIsDistinct() throws Exception
    {
        final TestLock lock = lock();
        final Condition a = lock.newCondition();
        final Condition b = lock.newCondition();
        final Future<Boolean> waiter = threads.submit(() ->
        {
            lock.lock();
            try
            {
                return a.await(300, TimeUnit.MILLISECONDS);
            }
            finally
            {
                lock.unlock();
            }
        });
        awaitQueued(lock, a);
        lock.lock();
        try
        {
            b.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        assertFalse(waiter.get(10, TimeUnit.SECONDS), "a signal of b does not wake a waiter of a");
    }

    @Test
    void aBoundedBufferPassesEveryItemExactlyOnce() throws Exception
    {
        final TestLock lock = lock();
        final Condition notFull = lock.newCondition();
        final Condition notEmpty = lock.newCondition();
        final ArrayDeque<Integer> buffer = new ArrayDeque<>();
        final int capacity = 4;
        final int perProducer = 2_000;
        final int producers = 2;
        final BitSet seen = new BitSet();
        final AtomicInteger duplicates = new AtomicInteger();
        final Future<?>[] all = new Future<?>[4];
        for (int p = 0; p < producers; p++)
        {
            final int base = p * perProducer;
            all[p] = threads.submit(() ->
            {
                for (int i = 0; i < perProducer; i++)
                {
                    lock.lock();
                    try
                    {
                        while (buffer.size() == capacity)
                        {
                            notFull.await();
                        }
                        buffer.add(base + i);
                        notEmpty.signal();
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }
                return null;
            });
        }
        for (int c = 0; c < 2; c++)
        {
            all[producers + c] = threads.submit(() ->
            {
                for (int i = 0; i < perProducer; i++)
                {
                    lock.lock();
                    try
                    {
                        while (buffer.isEmpty())
                        {
                            notEmpty.await();
                        }
                        final int item = buffer.poll();
                        synchronized (seen)
                        {
                            if (seen.get(item))
                            {
                                duplicates.incrementAndGet();
                            }
                            seen.set(item);
                        }
                        notFull.signal();
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }
                return null;
            });
        }
        for (final Future<?> f : all)
        {
            f.get(50, TimeUnit.SECONDS);
        }
        assertEquals(0, duplicates.get());
        assertEquals(producers * perProducer, seen.cardinality());
    }

    private static int awaitOnce(final Lock lock, final Condition cond, final AtomicInteger order)
        throws InterruptedException
    {
        lock.lock();
        try
        {
            cond.await();
            return order.incrementAndGet();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Waits until a thread is waiting on {@code cond}: it has released the lock inside await.
     */
    private void awaitQueued(final TestLock lock, final Condition cond) throws Exception
    {
        // Portable: the waiter took the lock before awaiting; once the lock is free again, it is waiting.
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true)
        {
            Thread.sleep(20);
            if (lock.tryLock())
            {
                lock.unlock();
                return;
            }
            assertTrue(System.nanoTime() < deadline, "no thread reached await");
        }
    }

    static Throwable causeOf(final Future<?> future) throws InterruptedException, java.util.concurrent.TimeoutException
    {
        try
        {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("completed normally");
        }
        catch (final ExecutionException ex)
        {
            return ex.getCause();
        }
    }
}

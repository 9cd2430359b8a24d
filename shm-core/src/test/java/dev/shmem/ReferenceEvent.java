package dev.shmem;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * CPython's {@code threading.Event}, line for line, on a JDK lock and condition: the oracle of
 * {@link EventConformanceTest} (the JDK has no event type).
 */
final class ReferenceEvent implements EventConformanceTest.Verbs
{
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition cond = lock.newCondition();
    private boolean flag;
    private long sets;

    @Override
    public void set()
    {
        lock.lock();
        try
        {
            if (!flag)
            {
                flag = true;
                sets++;
                cond.signalAll();
            }
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public void clear()
    {
        lock.lock();
        try
        {
            flag = false;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public boolean isSet()
    {
        lock.lock();
        try
        {
            return flag;
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    public void await() throws InterruptedException
    {
        await(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        lock.lockInterruptibly();
        try
        {
            // As CPython: a waiter returns true once notified by a set, even if a clear came before it ran.
            final long entry = sets;
            long nanos = unit.toNanos(timeout);
            while (!flag && sets == entry)
            {
                if (nanos <= 0)
                {
                    return false;
                }
                nanos = cond.awaitNanos(nanos);
            }
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }
}

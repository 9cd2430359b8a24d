package dev.shmem.internal.lock;

import dev.shmem.RobustLock;
import dev.shmem.SharedCondition;
import dev.shmem.internal.diag.Diagnostics;
import dev.shmem.internal.diag.WaitTable;
import dev.shmem.internal.diag.WaitTableDescriptor;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.sync.ConditionLock;
import dev.shmem.internal.sync.MappedCondition;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * The mapped-file implementation of {@link dev.shmem.RobustLock}.
 */
public abstract class AbstractMappedLock implements RobustLock, ConditionLock
{
    final String name;
    final LockWord word;

    public AbstractMappedLock(final String name, final LockWord word)
    {
        this.name = name;
        this.word = word;
    }

    /**
     * Called when the owner acquires again: returns true if that counts as acquired (reentrant), throws otherwise.
     */
    abstract boolean reenter(long stamp);

    /**
     * Called by {@link #tryLock()} when the owner acquires again: true if that counts as acquired.
     */
    abstract boolean tryReenter(long stamp);

    /**
     * Called once the calling thread has become the owner.
     */
    abstract void acquired();

    /**
     * Called by the owner's unlock: returns true if the lock must now be released.
     */
    abstract boolean releaseHold();

    /**
     * @return the class name used in messages.
     */
    abstract String kind();

    /**
     * @return the entry name.
     */
    public final String name()
    {
        return name;
    }

    /**
     * Acquires the lock, waiting as long as it takes (taking it over from a dead owner). An interrupt does not
     * stop the wait; the interrupt status is kept.
     */
    @Override
    public final void lock()
    {
        try
        {
            acquire(Waiting.NO_TIMEOUT, Waiting.Interruption.DEFER);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException("uninterruptible wait reported an interrupt", ex);
        }
    }

    /**
     * Acquires the lock unless the thread is interrupted first.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is then not taken.
     */
    @Override
    public final void lockInterruptibly() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        acquire(Waiting.NO_TIMEOUT, Waiting.Interruption.THROW);
    }

    /**
     * Acquires the lock if it is free now (or its owner is found dead; the check runs at most every 100 ms per
     * handle).
     *
     * @return true if acquired.
     */
    @Override
    public final boolean tryLock()
    {
        final long stamp = word.stamp();
        if (word.tryAcquire(stamp))
        {
            acquired();
            return true;
        }
        if (word.owner() == stamp)
        {
            return tryReenter(stamp);
        }
        if (word.tryTakeOverOccasionally(stamp))
        {
            acquired();
            return true;
        }
        return false;
    }

    /**
     * Acquires the lock if it becomes free within the timeout.
     *
     * @param time longest wait.
     * @param unit unit of {@code time}.
     * @return true if acquired, false if the time elapsed first.
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is then not taken.
     */
    @Override
    public final boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        return acquire(Math.max(0, unit.toNanos(time)), Waiting.Interruption.THROW);
    }

    /**
     * The blocking acquires: CAS, else re-entry by the owner, else wait.
     */
    private boolean acquire(final long timeoutNanos, final Waiting.Interruption interruption)
        throws InterruptedException
    {
        final long stamp = word.stamp();
        if (word.tryAcquire(stamp))
        {
            acquired();
            return true;
        }
        if (word.owner() == stamp && reenter(stamp))
        {
            return true;
        }
        return blockingAcquire(stamp, timeoutNanos, interruption, Waiting.Spin.PARK_AT_ONCE);
    }

    /**
     * The slow path: records the wait (deadlock detection, a JFR {@code dev.shmem.Wait} event) around the lock
     * word's blocking acquire.
     */
    private boolean blockingAcquire(final long stamp, final long timeoutNanos,
        final Waiting.Interruption interruption, final Waiting.Spin spin) throws InterruptedException
    {
        final long holder = word.owner();
        // The holder's pid only feeds the JFR event; read before the event begins (its first use loads classes for
        // up to a second, long enough for the holder to leave), and only when a recording can exist.
        final long holderPid = holder == 0 || !Diagnostics.recording() ? 0 : word.pidOf(holder);
        final Object event = Diagnostics.beginWait();
        final WaitTable waits = word.waitTable();
        final int record = waits.enter(stamp, word.entryOffset(), WaitTableDescriptor.KIND_LOCK);
        boolean acquired = false;
        try
        {
            acquired = word.acquire(stamp, timeoutNanos, interruption, spin);
            if (acquired)
            {
                acquired();
            }
            return acquired;
        }
        finally
        {
            waits.exit(record);
            Diagnostics.waited(event, name, kind(), holderPid, acquired);
        }
    }

    /**
     * Releases the lock (or one hold of a reentrant lock).
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold it, including when another process
     *                                      took it over because this JVM closed the region while holding it. An
     *                                      unlock after close that finds the lock still held by this thread
     *                                      releases it normally.
     */
    @Override
    public final void unlock()
    {
        final long stamp = word.releaseStamp();
        if (word.owner() != stamp)
        {
            throw new IllegalMonitorStateException(kind() + " '" + name + "' is not held by this thread (" +
                word.describeOwner(stamp) + ")");
        }
        if (releaseHold())
        {
            word.release();
        }
    }

    /**
     * A new condition of this lock, distinct from every other: its name is generated, unique in the region, and
     * another process reaches it only by that name through {@link #newCondition(String)}. Each call adds an entry
     * to the region (entries are never removed): create conditions once, not per wait.
     *
     * @return the condition.
     * @throws IllegalStateException if the region is closed or full.
     */
    @Override
    public final SharedCondition newCondition()
    {
        return MappedCondition.create(this, sleeper());
    }

    /**
     * The condition of this lock of that name, the same in every process (entry {@code lockName/conditionName}).
     *
     * @param conditionName the condition's name.
     * @return the condition.
     * @throws IllegalArgumentException if the name is invalid or, with the lock's name, longer than an entry name.
     * @throws IllegalStateException    if the region is closed or full, or the entry exists as another type.
     */
    @Override
    public final SharedCondition newCondition(final String conditionName)
    {
        return MappedCondition.open(this, conditionName, sleeper());
    }

    @Override
    public final String kindName()
    {
        return kind();
    }

    @Override
    public final Attachment attachment()
    {
        return word.attachment();
    }

    @Override
    public final int releaseFully()
    {
        final int holds = word.holdCount();
        word.release();
        return holds;
    }

    @Override
    public final void reacquire(final int holds)
    {
        final long stamp = word.releaseStamp();
        if (!word.tryAcquire(stamp))
        {
            try
            {
                // Recorded in the wait table like any blocked lock(): a deadlock through a condition is found too.
                // A hand-off, not a contended lock(): the signaller that woke this waiter is about to unlock.
                blockingAcquire(stamp, Waiting.NO_TIMEOUT, Waiting.Interruption.DEFER, Waiting.Spin.SPIN_THEN_PARK);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException("uninterruptible wait reported an interrupt", ex);
            }
        }
        // Plain write by the owner, as every hold count write (published by the release that ends the hold).
        word.holdCount(holds);
    }

    @Override
    public final boolean isOwnerDead()
    {
        return word.isOwnerDead();
    }

    private Sleeper sleeper()
    {
        return word.sleeper();
    }

    /**
     * @return true if some thread of some process holds the lock (a snapshot).
     */
    public final boolean isLocked()
    {
        return word.owner() != 0;
    }

    /**
     * @return true if the calling thread holds the lock.
     */
    public final boolean isHeldByCurrentThread()
    {
        return word.owner() == word.releaseStamp();
    }

    /**
     * @return the pid of the process holding the lock, 0 if it is free (a snapshot).
     */
    public final long ownerPid()
    {
        return word.ownerPid();
    }

    /**
     * @return false if a previous owner died holding the lock and no owner has called {@link #markConsistent()}
     * since.
     */
    public final boolean isConsistent()
    {
        return word.isConsistent();
    }

    /**
     * Declares the data guarded by the lock consistent again after a takeover.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock.
     */
    public final void markConsistent()
    {
        final long stamp = word.releaseStamp();
        if (word.owner() != stamp)
        {
            throw new IllegalMonitorStateException(kind() + " '" + name + "': markConsistent() by a thread " +
                "that does not hold it (" + word.describeOwner(stamp) + ")");
        }
        word.markConsistent();
    }

    /**
     * @return how many times the lock has been taken over from a dead owner, over the region's life.
     */
    public final long takeovers()
    {
        return word.takeovers();
    }

    /**
     * @return the pid of the last owner that died holding the lock, 0 if none did.
     */
    public final long lastDeadOwnerPid()
    {
        return word.lastDeadOwnerPid();
    }

    /**
     * @return the number of threads of all processes registered as waiting for the lock (a snapshot).
     */
    public final int waiters()
    {
        return word.waiters();
    }

    @Override
    public final String toString()
    {
        return kind() + "['" + name + "', " + (isLocked() ? "locked by pid " + ownerPid() : "free") +
            (isConsistent() ? "" : ", inconsistent") + "]";
    }
}

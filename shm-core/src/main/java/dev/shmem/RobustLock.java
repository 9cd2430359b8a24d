package dev.shmem;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * What {@link SharedLock} and {@link SharedReentrantLock} share beyond {@link Lock}: a lock held by threads of
 * several processes (or, on other backends, several machines) whose owner may die holding it. Like a POSIX robust
 * mutex ({@code PTHREAD_MUTEX_ROBUST}), a lock taken over from a dead owner reports {@link #isConsistent()}
 * {@code false} until its new owner calls {@link #markConsistent()}.
 */
public interface RobustLock extends Lock
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * Acquires the lock, waiting as long as it takes (taking it over from a dead owner). An interrupt does not
     * stop the wait; the interrupt status is kept.
     */
    void lock();

    /**
     * Acquires the lock unless the thread is interrupted first.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is then not taken.
     */
    void lockInterruptibly() throws InterruptedException;

    /**
     * Acquires the lock if it is free now (or its owner is found dead; the check runs at most every 100 ms per
     * handle).
     *
     * @return true if acquired.
     */
    boolean tryLock();

    /**
     * Acquires the lock if it becomes free within the timeout.
     *
     * @param time longest wait.
     * @param unit unit of {@code time}.
     * @return true if acquired, false if the time elapsed first.
     * @throws InterruptedException if interrupted on entry or while waiting; the lock is then not taken.
     */
    boolean tryLock(long time, TimeUnit unit) throws InterruptedException;

    /**
     * Releases the lock (or one hold of a reentrant lock).
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold it, including when another process
     *                                      took it over because this JVM closed the region while holding it. An
     *                                      unlock after close that finds the lock still held by this thread
     *                                      releases it normally.
     */
    void unlock();

    /**
     * A new condition of this lock, as {@link Lock#newCondition()}: each call returns a distinct condition (its
     * name generated, unique in the space); another process reaches it only through its {@link
     * SharedCondition#name()} and {@link #newCondition(String)}.
     *
     * @return a new condition bound to this lock.
     * @throws IllegalStateException if the space is closed or full.
     */
    @Override
    SharedCondition newCondition();

    /**
     * @return true if some thread of some process holds the lock (a snapshot).
     */
    boolean isLocked();

    /**
     * @return true if the calling thread holds the lock.
     */
    boolean isHeldByCurrentThread();

    /**
     * @return false if a previous owner died holding the lock and no owner has called {@link #markConsistent()}
     * since.
     */
    boolean isConsistent();

    /**
     * Declares the data guarded by the lock consistent again after a takeover.
     *
     * @throws IllegalMonitorStateException if the calling thread does not hold the lock.
     */
    void markConsistent();

    /**
     * @return how many times the lock has been taken over from a dead owner, over the region's life.
     */
    long takeovers();

    /**
     * The named condition of this lock that every process reaches by that name, for the classic
     * {@code lock; while (!state) cond.await(); ...; unlock} idiom across processes.
     *
     * @param name condition name, 1 to 127 UTF-8 bytes of printable characters.
     * @return the condition.
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the space is closed or full.
     */
    SharedCondition newCondition(String name);
}

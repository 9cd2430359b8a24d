package dev.shmem;

/**
 * A reentrant mutual-exclusion lock shared by every thread of every process that opens the region, like Python's
 * {@code multiprocessing.RLock} and {@link java.util.concurrent.locks.ReentrantLock}: the owning thread may
 * acquire it again, and must release it as many times. Obtained with {@link SharedRegion#reentrantLock(String)}.
 *
 * <h2>Waiting and dead owners</h2>
 * As {@link SharedLock}: CAS fast path, brief spin, then the thread parks (bounded barging); a lock whose owner's
 * process died is taken over by a waiter within about 100 to 200 ms, with the hold count reset and the lock marked
 * inconsistent until {@link #markConsistent()}.
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.locks.ReentrantLock}, across processes: actions before the final
 * {@link #unlock()} of a hold happen-before actions of the thread (of any process) that next acquires the lock.
 * The hold count lives in the region and is written only by the owner, ordered by the lock itself.
 *
 * <h2>Failure modes</h2>
 * {@link #unlock()} by a thread that does not hold the lock throws {@link IllegalMonitorStateException}. More than
 * {@link Integer#MAX_VALUE} nested holds throw {@link Error}, as {@code ReentrantLock}. Every acquire throws
 * {@link IllegalStateException} once this JVM has closed every handle on the region. {@link #newCondition()} is
 * unsupported.
 */
public interface SharedReentrantLock extends RobustLock
{
    /**
     * @return the number of holds on this lock by the calling thread, 0 if it does not hold it.
     */
    int getHoldCount();
}

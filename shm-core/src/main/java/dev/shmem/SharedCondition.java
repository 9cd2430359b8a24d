package dev.shmem;

import java.util.concurrent.locks.Condition;

/**
 * A {@link Condition} of a {@link RobustLock} that every process reaches by name, like Python's
 * {@code multiprocessing.Condition}: obtained with {@link RobustLock#newCondition(String)}. All of
 * {@link Condition}'s verbs, with its contract: the calling thread must hold the lock
 * ({@link IllegalMonitorStateException} otherwise); {@code await} releases the lock (every hold of a reentrant
 * lock) and re-acquires it (restoring the hold count) before returning, also when it throws.
 *
 * <h2>Signals</h2>
 * A signal is never lost: {@link #signal()} wakes one live waiter if there is one, in any process; a waiter that
 * died (its process died) does not swallow it. Spurious wake-ups are possible, as for every {@code Condition}:
 * wait in a loop on the guarded state.
 *
 * <h2>Memory consistency effects</h2>
 * Those of the lock: actions before a signalling thread releases the lock happen-before actions of an awaiting
 * thread after it has re-acquired the lock.
 *
 * <h2>Failure modes</h2>
 * {@link IllegalMonitorStateException} if the lock is not held by the calling thread; {@link InterruptedException}
 * from the interruptible awaits (the lock is held again when it is thrown). If the lock's owner dies while others
 * await, the waiters re-acquire it through the lock's takeover and see {@link RobustLock#isConsistent()} false.
 */
public interface SharedCondition extends Condition
{
    /**
     * @return the condition's name, unique per lock.
     */
    String name();
}

package dev.shmem.stress.takeover;

import dev.shmem.SharedLock;
import dev.shmem.stress.DeadOwnerLock;
import dev.shmem.stress.Occupancy;
import dev.shmem.stress.Unlocking;

/**
 * What an actor of a takeover test does once it holds the lock, and how it reports it: whether it took the lock
 * over (the lock reads inconsistent) or acquired it normally after the other actor's takeover, and whether the
 * other actor was inside at the same time. A taker marks the lock consistent before unlocking, as a program that
 * has checked its data would, so the next holder finds it consistent.
 */
final class TakeoverCriticalSection
{
    /** The actor did not get the lock. */
    static final int NOT_ACQUIRED = 0;
    /** The actor got the lock and found it inconsistent: it took the lock over from the dead owner. */
    static final int TOOK_OVER = 1;
    /** The actor got the lock and found it consistent: a normal acquire after the other actor's takeover. */
    static final int ACQUIRED = 2;
    /** The other actor was inside at the same time, or held the lock too (this actor's unlock was refused). */
    static final int OVERLAP = 3;

    private TakeoverCriticalSection()
    {
    }

    /**
     * Runs the critical section of an actor that holds the lock, then unlocks it.
     *
     * @param lock      the actor's handle, held by the calling thread.
     * @param occupancy the state's overlap checker.
     * @param id        the actor, 1 or 2.
     * @return {@link #TOOK_OVER}, {@link #ACQUIRED} or {@link #OVERLAP}.
     */
    static int run(final SharedLock lock, final Occupancy occupancy, final int id)
    {
        final boolean alone = occupancy.enter(id);
        final int verdict = lock.isConsistent() ? ACQUIRED : TOOK_OVER;
        Occupancy.work();
        boolean owned = true;
        if (verdict == TOOK_OVER)
        {
            try
            {
                lock.markConsistent();
            }
            catch (final IllegalMonitorStateException stolen)
            {
                owned = false;
            }
        }
        final boolean stillAlone = occupancy.leave(id);
        return owned & Unlocking.unlock(lock) & alone & stillAlone ? verdict : OVERLAP;
    }

    /**
     * @param lock the pooled lock, after both actors.
     * @return 0 if it is free and consistent, 1 if still owned by the dead process, 2 otherwise.
     */
    static int lockState(final DeadOwnerLock lock)
    {
        final long owner = lock.owner();
        if (owner == lock.deadStamp())
        {
            return 1;
        }
        return owner == 0 && lock.first().isConsistent() ? 0 : 2;
    }
}

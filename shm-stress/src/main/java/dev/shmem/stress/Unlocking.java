package dev.shmem.stress;

import java.util.concurrent.locks.Lock;

/**
 * Unlocks a lock under test and reports, rather than throws, an {@link IllegalMonitorStateException}: an unlock
 * refused to the thread that acquired the lock means another thread took the lock while this one held it, which
 * a test turns into a FORBIDDEN outcome (an exception would only tell jcstress that the test errored, and leave
 * the lock held for the next state).
 */
public final class Unlocking
{
    private Unlocking()
    {
    }

    /**
     * @param lock a lock the calling thread acquired.
     * @return true if unlocked, false if the lock said the calling thread did not hold it.
     */
    public static boolean unlock(final Lock lock)
    {
        try
        {
            lock.unlock();
            return true;
        }
        catch (final IllegalMonitorStateException stolen)
        {
            return false;
        }
    }
}

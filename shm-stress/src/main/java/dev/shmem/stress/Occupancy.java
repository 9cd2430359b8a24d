package dev.shmem.stress;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Detects two actors inside one critical section at once: each actor {@link #enter enters} with its id when it
 * has acquired the lock (or permit) and {@link #leave leaves} before releasing it. An actor that enters while
 * another is inside, or leaves after another entered, sees the other's id. This is the checker, not the thing
 * tested: it is an ordinary {@link AtomicInteger}, so its verdict does not depend on the lock under test.
 */
public final class Occupancy
{
    private final AtomicInteger holder = new AtomicInteger();

    /**
     * @param id the actor, not 0.
     * @return true if nobody was inside.
     */
    public boolean enter(final int id)
    {
        return holder.getAndSet(id) == 0;
    }

    /**
     * A short wait inside the critical section, so that an overlap has time to show.
     */
    public static void work()
    {
        for (int i = 0; i < 8; i++)
        {
            Thread.onSpinWait();
        }
    }

    /**
     * @param id the actor that entered.
     * @return true if nobody else entered since this actor did.
     */
    public boolean leave(final int id)
    {
        return holder.compareAndSet(id, 0);
    }
}

package dev.shmem.stress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One state's exclusive hold on a pooled entry; see {@link EntryPool}.
 *
 * @param <T> the handle type.
 */
public final class Lease<T>
{
    private final EntryPool<T> pool;
    private final T handle;
    private final AtomicBoolean taken = new AtomicBoolean();
    /** When the entry was last returned, or made: written before the entry goes into the pool's queue. */
    private long restingSince;

    Lease(final EntryPool<T> pool, final T handle)
    {
        this.pool = pool;
        this.handle = handle;
        this.restingSince = System.nanoTime();
    }

    /**
     * @return the entry's handle.
     */
    public T handle()
    {
        return handle;
    }

    /**
     * @return true if the entry has rested at least its pool's cool-down since it was last returned (or made):
     *         always true for a pool without one.
     */
    public boolean isCool()
    {
        return System.nanoTime() - restingSince >= pool.coolDownNanos();
    }

    /**
     * Sleeps until {@link #isCool()} (at most the pool's cool-down); returns at once, warm, if interrupted (the
     * interrupt status is kept).
     */
    void awaitCool()
    {
        long remaining;
        while ((remaining = pool.coolDownNanos() - (System.nanoTime() - restingSince)) > 0)
        {
            try
            {
                TimeUnit.NANOSECONDS.sleep(remaining);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Gives the entry back to its pool. Call it once, as the last thing the state does (end of its
     * {@code @Arbiter}).
     *
     * @throws IllegalStateException if this lease was already released.
     */
    public void release()
    {
        if (!taken.compareAndSet(true, false))
        {
            throw new IllegalStateException("lease of " + handle.getClass().getSimpleName() + " released twice");
        }
        // Plain write, published to the next taker by the queue (offer happens-before poll).
        restingSince = System.nanoTime();
        pool.giveBack(this);
    }

    void take()
    {
        if (!taken.compareAndSet(false, true))
        {
            throw new IllegalStateException("pooled " + handle.getClass().getSimpleName() + " leased twice");
        }
    }
}

package dev.shmem.stress;

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

    Lease(final EntryPool<T> pool, final T handle)
    {
        this.pool = pool;
        this.handle = handle;
    }

    /**
     * @return the entry's handle.
     */
    public T handle()
    {
        return handle;
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

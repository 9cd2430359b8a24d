package dev.shmem.stress;

import dev.shmem.internal.TestHook;

import dev.shmem.SharedRegion;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A region whose names are handed out by {@link FreshNames}; retired when it is sealed (no more names from it)
 * and every name handed out has been released.
 */
final class FreshRegion
{
    private final SharedRegion region;
    /** Unreleased names, plus one while the region still hands out names. */
    private final AtomicInteger holds = new AtomicInteger(1);

    FreshRegion(final SharedRegion region)
    {
        this.region = region;
    }

    SharedRegion region()
    {
        return region;
    }

    void lease()
    {
        holds.incrementAndGet();
    }

    void seal()
    {
        drop();
    }

    void released()
    {
        drop();
    }

    private void drop()
    {
        // The decrement that reaches 0 comes after every release (each at the end of an arbiter) and the seal:
        // nothing uses the region any more, so it is closed and its file deleted.
        if (holds.decrementAndGet() == 0)
        {
            TestHook.release(region.path());
            StressRegions.retire(region);
        }
    }
}

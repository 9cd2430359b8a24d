package dev.shmem.bench.runner;

import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;

import java.util.Map;

/**
 * Counts handoffs of a cross-process lock or semaphore: acquisitions by another process than the previous
 * holder, recorded in a holder entry that only the holder touches. A lock that one process keeps re-taking
 * shows a high rate and few handoffs; read both.
 */
public final class HandoffCounter
{
    private final SharedLong holder;
    private final long me;
    private long handoffs;

    /**
     * @param region    the scenario's region.
     * @param entryName the holder entry (created if missing).
     * @param index     this child's index.
     */
    public HandoffCounter(final SharedRegion region, final String entryName, final int index)
    {
        this.holder = region.longValue(entryName);
        this.me = index + 1L;
    }

    /**
     * Call with the lock (or the only permit) held.
     *
     * @return true if this acquisition was a handoff.
     */
    public boolean acquired()
    {
        // Guarded by the lock being measured, which orders these plain accesses.
        if (holder.getPlain() != me)
        {
            holder.setPlain(me);
            handoffs++;
            return true;
        }
        return false;
    }

    /**
     * @return handoffs counted by this process so far.
     */
    public long handoffs()
    {
        return handoffs;
    }

    /**
     * @return {@code {"handoffs": n}}, for {@link Worker#counters()}.
     */
    public Map<String, Long> counters()
    {
        return Map.of("handoffs", handoffs);
    }
}

package dev.shmem.internal.sync;

import dev.shmem.internal.wait.EventCount;

import java.util.ArrayDeque;

/**
 * Wakes a condition's signal defers until the signalling thread releases the lock ("wait morphing"): a waiter
 * woken at {@code signal()} would only find the lock still held and sleep again on it, so the futex wake is made
 * after the release instead, one wake-up instead of two. Per thread: the thread that signals is the thread that
 * holds the lock and later releases it, whichever handle it releases through.
 *
 * <p>A deferred wake is never lost for long: the waiter's slot is already {@code SIGNALLED} (a waiter still
 * spinning sees it at once), and a sleeping waiter re-checks its slot at the end of every sleep slice.
 */
public final class DeferredWakes
{
    private static final ThreadLocal<ArrayDeque<EventCount>> PENDING = ThreadLocal.withInitial(ArrayDeque::new);

    private DeferredWakes()
    {
    }

    /**
     * @param events the event count of a slot just signalled under the lock.
     */
    static void defer(final EventCount events)
    {
        PENDING.get().add(events);
    }

    /**
     * Makes the wakes the calling thread deferred; called after every release of a lock word.
     */
    public static void flush()
    {
        final ArrayDeque<EventCount> pending = PENDING.get();
        for (EventCount events = pending.poll(); events != null; events = pending.poll())
        {
            events.signal(1);
        }
    }
}

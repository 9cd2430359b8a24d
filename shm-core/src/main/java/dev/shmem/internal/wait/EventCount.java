package dev.shmem.internal.wait;

import org.agrona.concurrent.AtomicBuffer;

import static dev.shmem.internal.wait.EventCountDescriptor.PENDING_OFFSET;
import static dev.shmem.internal.wait.EventCountDescriptor.SEQUENCE_OFFSET;
import static dev.shmem.internal.wait.EventCountDescriptor.WAITERS_OFFSET;

/**
 * An event count in shared memory (layout: {@link EventCountDescriptor}): a 32-bit wake sequence (the futex
 * word), a waiter count, so that a signal with no waiters costs one volatile read and no system call, and a
 * wake-pending flag, so that a burst of signals while a woken waiter has not yet run costs one system call, not
 * one each.
 *
 * <p>Protocol. A waiter {@link #prepare registers} (increments the waiter count, clears the pending flag, reads
 * the sequence), re-checks its condition, and only then {@link #await sleeps} on the sequence value it read; when
 * it wakes it deregisters and clears the pending flag. A signaller first changes the state the waiter's
 * condition reads (with a volatile write or a CAS), then {@link #signal}s: if it sees waiters and no wake
 * pending, it sets the flag, increments the sequence and wakes; if the wake reached nobody it clears the flag
 * again. Both sides do a volatile write followed by a volatile read of the other's word (waiters then state;
 * state then waiters), so at least one sees the other: either the waiter's re-check sees the new state, or the
 * signaller sees the waiter. A pending flag seen by a signaller was set after the waiter cleared it, by a
 * signaller that then changed the sequence and either woke a thread (which will run, clear the flag and re-check)
 * or cleared the flag.
 */
public final class EventCount
{
    private final AtomicBuffer buffer;
    private final int sequenceOffset;
    private final int waitersOffset;
    private final int pendingOffset;
    private final Sleeper sleeper;

    /**
     * @param buffer  the entry's buffer.
     * @param offset  offset of the event count (4-byte aligned) in the entry.
     * @param sleeper how to sleep.
     */
    public EventCount(final AtomicBuffer buffer, final int offset, final Sleeper sleeper)
    {
        this.buffer = buffer;
        this.sequenceOffset = offset + SEQUENCE_OFFSET;
        this.waitersOffset = offset + WAITERS_OFFSET;
        this.pendingOffset = offset + PENDING_OFFSET;
        this.sleeper = sleeper;
    }

    /**
     * Registers the calling thread as a waiter.
     *
     * @return the sequence value to pass to {@link #await}.
     */
    public int prepare()
    {
        // Volatile RMW, then volatile store and read: ordered before the caller's re-check of its condition,
        // pairing with the signaller's state write then waiter-count read in signal().
        buffer.getAndAddInt(waitersOffset, 1);
        buffer.putIntVolatile(pendingOffset, 0);
        return buffer.getIntVolatile(sequenceOffset);
    }

    /**
     * Sleeps while the sequence still equals {@code sequence}, at most {@code nanos}; then deregisters.
     *
     * @param sequence value returned by {@link #prepare}.
     * @param nanos    longest sleep.
     */
    public void await(final int sequence, final long nanos)
    {
        try
        {
            sleeper.await(buffer, sequenceOffset, sequence, nanos);
        }
        finally
        {
            cancel();
            // This waiter runs again: any wake in flight has been delivered (to it or another), allow the next.
            buffer.putIntVolatile(pendingOffset, 0);
        }
    }

    /**
     * Deregisters a waiter that will not sleep after all (its re-check succeeded).
     */
    public void cancel()
    {
        buffer.getAndAddInt(waitersOffset, -1);
    }

    /**
     * Wakes up to {@code count} waiters if there are any and no wake is already pending. Call after the state
     * change the waiters wait for.
     *
     * @param count how many to wake ({@link Integer#MAX_VALUE} for all).
     */
    public void signal(final int count)
    {
        // Volatile read after the caller's volatile state write: pairs with prepare()'s increment.
        if (buffer.getIntVolatile(waitersOffset) > 0 && buffer.getIntVolatile(pendingOffset) == 0 &&
            buffer.compareAndSetInt(pendingOffset, 0, 1))
        {
            // Volatile RMW: a waiter that read the old sequence in prepare() returns from its sleep.
            buffer.getAndAddInt(sequenceOffset, 1);
            if (sleeper.wake(buffer, sequenceOffset, count) <= 0)
            {
                // Nobody was asleep yet: whoever registered will see the new sequence; allow the next wake.
                buffer.putIntVolatile(pendingOffset, 0);
            }
        }
    }

    /**
     * @return the number of registered waiters (a snapshot, for diagnostics).
     */
    public int waiters()
    {
        return buffer.getIntVolatile(waitersOffset);
    }

    /**
     * @param attempt sleeps so far in this wait.
     * @return the longest sleep the sleeper allows for that attempt.
     */
    public long sliceNanos(final int attempt)
    {
        return sleeper.sliceNanos(attempt);
    }
}

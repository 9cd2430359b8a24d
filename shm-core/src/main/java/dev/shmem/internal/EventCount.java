package dev.shmem.internal;

import org.agrona.concurrent.AtomicBuffer;

/**
 * An event count in shared memory: a 32-bit wake sequence (the futex word) and a waiter count, so that a signal
 * with no waiters costs one volatile read and no system call.
 *
 * <p>Protocol. A waiter {@link #prepare registers} (increments the waiter count, then reads the sequence),
 * re-checks its condition, and only then {@link #await sleeps} on the sequence value it read. A signaller first
 * changes the state the waiter's condition reads (with a volatile write or a CAS), then {@link #signal}s: if it
 * sees waiters it increments the sequence and wakes them. Both sides do a volatile write followed by a volatile
 * read of the other's word (waiters then state; state then waiters), so at least one sees the other: either the
 * waiter's re-check sees the new state, or the signaller sees the waiter and changes the sequence, which makes
 * the waiter's sleep return at once.
 */
public final class EventCount
{
    private final AtomicBuffer buffer;
    private final int sequenceOffset;
    private final int waitersOffset;
    private final Sleeper sleeper;

    /**
     * @param buffer         the entry's buffer.
     * @param sequenceOffset offset of the 4-byte aligned wake sequence word.
     * @param waitersOffset  offset of the waiter count.
     * @param sleeper        how to sleep.
     */
    public EventCount(final AtomicBuffer buffer, final int sequenceOffset, final int waitersOffset,
        final Sleeper sleeper)
    {
        this.buffer = buffer;
        this.sequenceOffset = sequenceOffset;
        this.waitersOffset = waitersOffset;
        this.sleeper = sleeper;
    }

    /**
     * Registers the calling thread as a waiter.
     *
     * @return the sequence value to pass to {@link #await}.
     */
    public int prepare()
    {
        // Volatile RMW, then volatile read: the increment is ordered before the caller's re-check of its
        // condition, pairing with the signaller's state write then waiter-count read in signal().
        buffer.getAndAddInt(waitersOffset, 1);
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
     * Wakes up to {@code count} waiters if there are any. Call after the state change the waiters wait for.
     *
     * @param count how many to wake ({@link Integer#MAX_VALUE} for all).
     */
    public void signal(final int count)
    {
        // Volatile read after the caller's volatile state write: pairs with prepare()'s increment.
        if (buffer.getIntVolatile(waitersOffset) > 0)
        {
            // Volatile RMW: a waiter that read the old sequence in prepare() returns from its sleep.
            buffer.getAndAddInt(sequenceOffset, 1);
            sleeper.wake(buffer, sequenceOffset, count);
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

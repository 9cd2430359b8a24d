package dev.shmem.internal.wait;

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The portable fallback when futex is unavailable: the waker thread ({@link Watch}) parks for an exponentially
 * growing time (20 us doubling up to 5 ms) and re-reads the word; {@link #wake} does nothing. A waker wakes at
 * most 200 times a second once backed off, so it uses little CPU, but a hand-off can take up to one back-off
 * period. Callers park as with futex.
 */
public final class BackoffSleeper implements Sleeper
{
    private static final long MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    @Override
    public void await(final AtomicBuffer buffer, final int offset, final int expected, final long timeoutNanos)
    {
        // Volatile read pairs with the waker's increment of the word.
        if (buffer.getIntVolatile(offset) == expected)
        {
            LockSupport.parkNanos(timeoutNanos);
        }
    }

    @Override
    public int wake(final AtomicBuffer buffer, final int offset, final int count)
    {
        // Sleepers poll; nothing to do, and nobody to count.
        return 0;
    }

    @Override
    public long sliceNanos(final int attempt)
    {
        return attempt >= 8 ? MAX_PARK_NANOS : Math.min(MAX_PARK_NANOS, MIN_PARK_NANOS << attempt);
    }

    @Override
    public String describe()
    {
        return "park back-off";
    }
}

package dev.shmem.internal.wait;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-wait warning of one wait: due once, at the first liveness check that runs after
 * {@link Waiting#LONG_WAIT_NANOS} of waiting (whenever that check runs: a check that lands late still warns), and
 * at most once per {@code LONG_WAIT_NANOS} per handle (a thousand waiters on one latch give one warning per 10 s,
 * not a thousand). Used by the waiter's own thread only; the handle's last warning is shared by its waits.
 */
public final class LongWait
{
    private final long start = System.nanoTime();
    private final AtomicLong handleLastWarning;
    private boolean warned;

    /**
     * @param handleLastWarning the handle's last warning time ({@link #newHandleClock()}).
     */
    public LongWait(final AtomicLong handleLastWarning)
    {
        this.handleLastWarning = handleLastWarning;
    }

    /**
     * @return a handle's last-warning clock, set so that its first long wait may warn.
     */
    public static AtomicLong newHandleClock()
    {
        return new AtomicLong(System.nanoTime() - Waiting.LONG_WAIT_NANOS);
    }

    /**
     * @return when the wait started ({@link System#nanoTime()}).
     */
    public long start()
    {
        return start;
    }

    /**
     * @param now {@link System#nanoTime()} of the check.
     * @return true, once per wait, if the wait should log its warning now.
     */
    public boolean due(final long now)
    {
        if (warned || now - start < Waiting.LONG_WAIT_NANOS)
        {
            return false;
        }
        final long last = handleLastWarning.get();
        // Atomic: of two waits of one handle checking at once, one warns.
        if (now - last < Waiting.LONG_WAIT_NANOS || !handleLastWarning.compareAndSet(last, now))
        {
            return false;
        }
        warned = true;
        return true;
    }
}

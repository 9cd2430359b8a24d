package dev.shmem.bench.runner;

import java.util.Map;

/**
 * The longest time one thread went between two of its acquisitions of a contended lock or semaphore while the
 * measurement ran: with a critical section of a few nanoseconds this is the longest wait while the other side kept
 * taking it (the barging bound). One {@link System#nanoTime()} per acquisition, in every scenario that is compared
 * with another, so the loops stay alike.
 */
public final class WaitGapMeter
{
    private final String counter;
    private long last;
    private long maxNanos;
    private int samples;

    /**
     * @param label names the counter, e.g. {@code "p0"}: {@code "maxWaitUs.p0"}.
     */
    public WaitGapMeter(final String label)
    {
        this.counter = "maxWaitUs." + label;
    }

    /**
     * Call right after each acquisition, by the acquiring thread.
     */
    public void acquired()
    {
        final long now = System.nanoTime();
        if (last != 0 && now - last > maxNanos)
        {
            maxNanos = now - last;
        }
        last = now;
    }

    /**
     * For {@link Worker#counters()}, which the harness calls once before and once after the measurement: the first
     * call starts the measurement (returns 0, forgets the warm-up), the second returns the longest gap since.
     * Called by the thread that calls {@link #acquired()} (the harness thread), or with the result read only after
     * that thread has stopped.
     *
     * @return {@code {"maxWaitUs.<label>": us}}.
     */
    public Map<String, Long> counters()
    {
        if (samples++ == 0)
        {
            maxNanos = 0;
            return Map.of(counter, 0L);
        }
        return Map.of(counter, maxNanos / 1_000);
    }
}

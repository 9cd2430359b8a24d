package dev.shmem.bench.runner;

import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The start/stop protocol between the runner and its children, in two entries of the scenario's region.
 * Every child increments {@link #READY_ENTRY} once its worker is set up, then waits for the phase to leave
 * {@link #WAITING}; the runner moves the phase {@code WAITING -> WARMUP -> MEASURE -> STOP} and every child
 * measures between seeing {@code MEASURE} and seeing {@code STOP}, so the children measure the same window.
 *
 * <h2>Memory consistency effects</h2>
 * The phase is a {@code SharedLong} (volatile reads and writes): everything the runner wrote before setting a
 * phase is visible to a child that has read it.
 */
public final class Phase
{
    /** Children are starting up. */
    public static final long WAITING = 0;
    /** Children run the operation without measuring. */
    public static final long WARMUP = 1;
    /** Children measure. */
    public static final long MEASURE = 2;
    /** Children stop and report. */
    public static final long STOP = 3;

    /** Entry holding the phase. */
    public static final String PHASE_ENTRY = "runner.phase";
    /** Entry counting the children that are ready. */
    public static final String READY_ENTRY = "runner.ready";

    private Phase()
    {
    }

    /**
     * The phase word of one run.
     */
    public static final class Word
    {
        private final SharedLong phase;

        /**
         * @param region the scenario's region (the entry is created if missing).
         */
        public Word(final SharedRegion region)
        {
            this.phase = region.longValue(PHASE_ENTRY);
        }

        /**
         * @return the current phase (volatile read; pairs with {@link #set}).
         */
        public long get()
        {
            return phase.get();
        }

        /**
         * @param value the new phase (volatile write).
         */
        public void set(final long value)
        {
            phase.set(value);
        }

        /**
         * Waits until the phase is at least {@code value}: spins briefly, then parks 50 us at a time.
         *
         * @param value   the phase to wait for.
         * @param timeout how long to wait at most.
         * @return the phase seen.
         * @throws IllegalStateException if the timeout passes first.
         */
        public long awaitAtLeast(final long value, final Duration timeout)
        {
            final long deadline = System.nanoTime() + timeout.toNanos();
            int spins = 0;
            long seen;
            while ((seen = phase.get()) < value)
            {
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("phase still " + seen + " after " + timeout +
                        ": expected " + value + " (has the runner died?)");
                }
                if (++spins < 1_000)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(50));
                }
            }
            return seen;
        }
    }
}

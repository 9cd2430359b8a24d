package dev.shmem.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-thread handoff counter for lock and semaphore benchmarks, reported by JMH as the secondary result
 * {@code handoffs} (per time unit, like the score). A handoff is an acquisition by another thread than the
 * previous holder: a lock that one thread keeps re-taking scores high and hands off rarely, which says nothing
 * about contention, so read the score together with this rate.
 *
 * <p>JMH reports every public field and public no-argument method of this class as a counter, so the helper
 * below is package-private. Use it from inside the critical section: {@code holder = handoffs.acquired(holder);} where {@code holder}
 * is a field guarded by the lock being measured.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Handoffs
{
    private static final AtomicLong IDS = new AtomicLong();

    /** Acquisitions that took the lock over from another thread in this iteration. */
    public long handoffs;

    private final long id = IDS.incrementAndGet();

    /**
     * Zeroes the count for the next iteration.
     */
    @Setup(Level.Iteration)
    public void reset()
    {
        handoffs = 0;
    }

    /**
     * Counts a handoff if the previous holder was another thread. Call with the lock held.
     *
     * @param previousHolder the value of the guarded holder field (0 if none yet).
     * @return this thread's id, to store into the guarded holder field.
     */
    long acquired(final long previousHolder)
    {
        if (previousHolder != id)
        {
            handoffs++;
        }
        return id;
    }
}

package dev.shmem.internal.wait;

import java.util.concurrent.TimeUnit;

/**
 * The blocking loop shared by locks, semaphores and queues: park on an {@link EventCount} at once (locks,
 * semaphores) or after spinning briefly and retrying with yields for a few tens of microseconds ({@link Spin})
 * (a user thread never sleeps in a system call: it parks, and this process's waker thread sleeps in the kernel
 * for it; only a {@link KernelWaitThread} sleeps in the kernel itself), re-checking interruption and the deadline
 * after every wake, and whether the other side is dead when the waker asks for it (at most every
 * {@link #LIVENESS_INTERVAL_NANOS} per primitive and process, and per {@code KernelWaitThread}) and when
 * a wait of at least {@link #TIMEOUT_CHECK_NANOS} times out, so that a loop of short timed waits recovers a dead
 * holder as surely as one long wait.
 */
public final class Waiting
{
    /** Pass as the timeout to wait without a deadline. */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;
    /** The waker asks one waiter of a primitive to check whether the holder is dead at this interval. */
    public static final long LIVENESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A wait longer than this logs one warning naming what it waits for (locks, conditions, events, latches). */
    public static final long LONG_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** A timed wait at least this long that times out checks once whether the holder is dead. */
    public static final long TIMEOUT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Busy attempts before a waiter parks ({@code -Dshm.wait.spins}, default 100). */
    private static final int SPINS = Integer.getInteger("shm.wait.spins", 100);
    /**
     * How long a user thread retries, yielding between attempts, before it parks ({@code -Dshm.wait.userYieldMicros},
     * default 20; 0 parks right after the spins).
     */
    private static final long USER_YIELD_NANOS =
        TimeUnit.MICROSECONDS.toNanos(Long.getLong("shm.wait.userYieldMicros", 20));

    private Waiting()
    {
    }

    /**
     * Whether the wait ends with {@link InterruptedException} when the thread is interrupted.
     */
    public enum Interruption
    {
        /** Throw {@link InterruptedException}, leaving the primitive as it was. */
        THROW,
        /** Keep waiting; the interrupt status is restored when the wait ends. */
        DEFER
    }

    /**
     * Whether a waiter spins before it parks: a choice of the primitive, from who gets what the waiter wants.
     */
    public enum Spin
    {
        /**
         * Locks and semaphores: the holder, or any other thread, may take again what it just released, in a loop.
         * A waiter that spins steals it at the release and makes nearly every release a hand-off between CPUs
         * (measured: 2 processes in a tight loop on one lock, 3.7M hand-offs/s and 6.3M locks/s spinning, 15k
         * and 13.9M parking at once). So the waiter parks after one failed attempt, as the JDK's locks do; the
         * bounded barging of the lock keeps the wait short.
         */
        PARK_AT_ONCE,
        /**
         * Queues, conditions, barriers, latches, events: what the waiter wants is handed to it by another party,
         * often within microseconds. It spins ({@code -Dshm.wait.spins}), then retries yielding the CPU
         * ({@code -Dshm.wait.userYieldMicros}, or {@link KernelWaitThread#YIELD_NANOS} for the library's own
         * threads), then parks: a hand-off within that time costs no park and no wake-up.
         */
        SPIN_THEN_PARK
    }

    /**
     * One attempt at what the waiter wants (take the lock, take permits, take a message).
     */
    @FunctionalInterface
    public interface Attempt
    {
        /**
         * @return true if it succeeded.
         */
        boolean tryOnce();
    }

    /**
     * Called while waiting when the waker asks (at most every {@link #LIVENESS_INTERVAL_NANOS} per primitive and
     * process) and once when a wait of at least {@link #TIMEOUT_CHECK_NANOS} times out: looks for a dead holder
     * and recovers what it held.
     */
    @FunctionalInterface
    public interface Recovery
    {
        /**
         * @return true if the attempt that recovery made (e.g. a takeover) acquired what the waiter wants.
         */
        boolean recover();
    }

    /**
     * The second phase of a wait: for up to {@code yieldNanos} ({@link KernelWaitThread#YIELD_NANOS} for the
     * pool's dispatcher and workers, {@code -Dshm.wait.userYieldMicros} for other threads) it retries, yielding the
     * CPU between attempts, so that a reply that comes within that time (the next task of a caller that has just
     * got its result, the result of a short task) costs no sleep and no wake-up, while a runnable thread on the
     * same CPU still gets it.
     */
    private static boolean yieldUntilSuccess(final Attempt attempt, final long start, final long yieldNanos)
    {
        do
        {
            if (attempt.tryOnce())
            {
                return true;
            }
            Thread.yield();
        }
        while (System.nanoTime() - start < yieldNanos);
        return false;
    }

    /**
     * Waits until {@code attempt} succeeds, the timeout passes, or (with {@link Interruption#THROW}) the thread is
     * interrupted.
     *
     * @param events       where signals arrive.
     * @param attempt      what the waiter wants; must be tried again after every wake.
     * @param recovery     dead-holder check.
     * @param timeoutNanos longest wait, or {@link #NO_TIMEOUT}.
     * @param interruption what an interrupt does.
     * @param spin         whether to spin before parking.
     * @return true if the attempt succeeded, false on timeout.
     * @throws InterruptedException with {@link Interruption#THROW} if interrupted before success.
     */
    public static boolean await(
        final EventCount events,
        final Attempt attempt,
        final Recovery recovery,
        final long timeoutNanos,
        final Interruption interruption,
        final Spin spin) throws InterruptedException
    {
        final long start;
        if (spin == Spin.SPIN_THEN_PARK)
        {
            for (int i = 0; i < SPINS; i++)
            {
                if (attempt.tryOnce())
                {
                    return true;
                }
                Thread.onSpinWait();
            }
            start = System.nanoTime();
            // Never past the caller's timeout; an interrupt in this phase is seen by the loop below.
            final long yieldNanos = Math.min(timeoutNanos,
                KernelWaitThread.isCurrent() ? KernelWaitThread.YIELD_NANOS : USER_YIELD_NANOS);
            if (yieldNanos > 0 && yieldUntilSuccess(attempt, start, yieldNanos))
            {
                return true;
            }
        }
        else
        {
            start = System.nanoTime();
        }
        boolean interrupted = false;
        try
        {
            while (true)
            {
                if (Thread.interrupted())
                {
                    if (interruption == Interruption.THROW)
                    {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
                final long remaining = timeoutNanos == NO_TIMEOUT ? NO_TIMEOUT :
                    timeoutNanos - (System.nanoTime() - start);
                if (remaining <= 0)
                {
                    // Checked on every timed-out return, not only every 100 ms of one call's wait: a loop of short
                    // timed waits recovers a dead holder too.
                    return attempt.tryOnce() || (timeoutNanos >= TIMEOUT_CHECK_NANOS && recovery.recover());
                }
                final int sequence = events.prepare();
                if (attempt.tryOnce())
                {
                    events.cancel();
                    return true;
                }
                final boolean recoveryDue = events.await(sequence, remaining);
                if (attempt.tryOnce() || (recoveryDue && recovery.recover()))
                {
                    return true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }
}

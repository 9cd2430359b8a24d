package dev.shmem.internal.wait;

import java.util.concurrent.TimeUnit;

/**
 * The blocking loop shared by locks, semaphores and queues: spin briefly, then sleep on an {@link EventCount} in
 * slices, re-checking interruption, the deadline and (periodically) whether the other side is dead.
 */
public final class Waiting
{
    /** Pass as the timeout to wait without a deadline. */
    public static final long NO_TIMEOUT = Long.MAX_VALUE;
    /** A waiter starts asking "is the holder dead?" after waiting this long, then at this interval. */
    public static final long LIVENESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** Busy attempts before a waiter yields ({@code -Dshm.wait.spins}, default 100). */
    private static final int SPINS = Integer.getInteger("shm.wait.spins", 100);
    /** Yields before a waiter sleeps in the kernel ({@code -Dshm.wait.yields}, default 4). */
    private static final int YIELDS = Integer.getInteger("shm.wait.yields", 4);

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
     * Called while waiting, at most every {@link #LIVENESS_INTERVAL_NANOS}: looks for a dead holder and
     * recovers what it held.
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
     * Waits until {@code attempt} succeeds, the timeout passes, or (with {@link Interruption#THROW}) the thread is
     * interrupted.
     *
     * @param events       where signals arrive.
     * @param attempt      what the waiter wants; must be tried again after every wake.
     * @param recovery     periodic dead-holder check.
     * @param timeoutNanos longest wait, or {@link #NO_TIMEOUT}.
     * @param interruption what an interrupt does.
     * @return true if the attempt succeeded, false on timeout.
     * @throws InterruptedException with {@link Interruption#THROW} if interrupted before success.
     */
    public static boolean await(
        final EventCount events,
        final Attempt attempt,
        final Recovery recovery,
        final long timeoutNanos,
        final Interruption interruption) throws InterruptedException
    {
        for (int i = 0; i < SPINS; i++)
        {
            if (attempt.tryOnce())
            {
                return true;
            }
            Thread.onSpinWait();
        }
        final long start = System.nanoTime();
        boolean interrupted = false;
        try
        {
            long lastRecovery = start;
            for (int sleeps = 0; ; sleeps++)
            {
                if (Thread.interrupted())
                {
                    if (interruption == Interruption.THROW)
                    {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
                final long now = System.nanoTime();
                final long remaining = timeoutNanos == NO_TIMEOUT ? NO_TIMEOUT : timeoutNanos - (now - start);
                if (remaining <= 0)
                {
                    return attempt.tryOnce();
                }
                if (now - lastRecovery >= LIVENESS_INTERVAL_NANOS)
                {
                    lastRecovery = now;
                    if (recovery.recover())
                    {
                        return true;
                    }
                }
                if (sleeps < YIELDS)
                {
                    Thread.yield();
                    if (attempt.tryOnce())
                    {
                        return true;
                    }
                    continue;
                }
                final int sequence = events.prepare();
                if (attempt.tryOnce())
                {
                    events.cancel();
                    return true;
                }
                events.await(sequence, Math.min(remaining, events.sliceNanos(sleeps - YIELDS)));
                if (attempt.tryOnce())
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

package dev.shmem.internal.wait;

import java.util.concurrent.TimeUnit;

/**
 * A library-owned platform thread whose blocking waits on an {@link EventCount} sleep in the kernel themselves
 * instead of parking and being unparked by the process's waker thread: a signal from another process then wakes
 * it in one hop (the signaller's {@code FUTEX_WAKE}) instead of two (waker, then unpark). The pool's dispatcher and
 * its workers' task loops run in such threads, where the extra hop was on every task and every result.
 *
 * <p>It keeps the guarantees of the parked path: {@link #interrupt()} wakes it at once (it bumps the sequence of
 * the word the thread sleeps on, a spurious "wake one" that every other waiter re-checks and ignores, and wakes
 * the word's sleepers), and it checks whether the other side is dead every
 * {@link Waiting#LIVENESS_INTERVAL_NANOS} of a wait, as the waker asks parked waiters to. An interrupt that does
 * not go through {@link #interrupt()} (a debugger's, through JVMTI) is seen at the latest at that check.
 *
 * <p>Threads the library does not own never take this path (a user thread sleeping in a system call could not
 * be interrupted, and a virtual thread would pin its carrier), with one exception: a pool task runs on its
 * worker's {@code KernelWaitThread}, so a task that waits on a shm primitive sleeps in the kernel too
 * ({@code RUNNABLE} in a thread dump while it waits).
 */
public final class KernelWaitThread extends Thread
{
    /**
     * How long a wait of this thread retries, yielding between attempts, before it sleeps
     * ({@code -Dshm.wait.yieldMicros}, default 50).
     */
    static final long YIELD_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("shm.wait.yieldMicros", 50));
    private static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** The event count this thread sleeps on, or null. Written by this thread, read by interrupters. */
    private volatile EventCount sleepingOn;
    /** When this thread last asked its caller for a liveness check; read and written by this thread only. */
    private long lastCheck = System.nanoTime();

    /**
     * @param task what the thread runs.
     * @param name the thread's name.
     */
    public KernelWaitThread(final Runnable task, final String name)
    {
        super(task, name);
        setDaemon(true);
    }

    /**
     * @return true if the calling thread is a {@code KernelWaitThread}.
     */
    static boolean isCurrent()
    {
        return Thread.currentThread() instanceof KernelWaitThread;
    }

    /**
     * Sleeps in the kernel on {@code events}' sequence word until it changes from {@code sequence}, the next
     * liveness check is due, {@code nanos} pass, or this thread is interrupted; may return early.
     *
     * @return true if a liveness check is due: at most one per {@link Waiting#LIVENESS_INTERVAL_NANOS} of this
     * thread's waits, as the waker asks one parked waiter per interval (the caller checks whether the other side
     * died).
     */
    boolean sleep(final EventCount events, final int sequence, final long nanos)
    {
        final long now = System.nanoTime();
        final long untilCheck = lastCheck + Waiting.LIVENESS_INTERVAL_NANOS - now;
        if (untilCheck <= 0)
        {
            lastCheck = now;
            return true;
        }
        // Volatile store, then the volatile read of the interrupt status: pairs with interrupt(), which sets the
        // status, then reads this field. Either this thread sees the interrupt, or the interrupter sees the field
        // and changes the word, which the kernel's compare (or the wake) reports.
        sleepingOn = events;
        try
        {
            if (!isInterrupted())
            {
                events.sleepInKernel(sequence, Math.min(nanos, Math.max(MIN_SLEEP_NANOS, untilCheck)));
            }
        }
        finally
        {
            sleepingOn = null;
        }
        return false;
    }

    /**
     * Interrupts this thread and, if it sleeps in the kernel on an event count, wakes it.
     */
    @Override
    public void interrupt()
    {
        super.interrupt();
        final EventCount events = sleepingOn;
        if (events != null)
        {
            events.nudge();
        }
    }
}

package dev.shmem.internal.wait;

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.locks.LockSupport;

import static dev.shmem.internal.wait.EventCountDescriptor.PENDING_OFFSET;
import static dev.shmem.internal.wait.EventCountDescriptor.SEQUENCE_OFFSET;
import static dev.shmem.internal.wait.EventCountDescriptor.WAITERS_OFFSET;

/**
 * An event count in shared memory (layout: {@link EventCountDescriptor}): a 32-bit wake sequence (the futex
 * word), a waiter count, so that a signal with no waiters costs one volatile read and no system call, and a
 * wake-pending flag, so that a burst of signals while a woken waker has not yet run costs one system call, not
 * one each.
 *
 * <p>Protocol. A waiter {@link #prepare registers} (increments the waiter count, reads the sequence), re-checks
 * its condition, and only then {@link #await parks}: it queues itself on this process's
 * {@link Watch} of the word and parks with {@link LockSupport}; the watch's waker thread sleeps in the kernel on
 * the sequence word and unparks it when the word changes. (A {@link KernelWaitThread} sleeps in the kernel on the
 * word itself, as a waker does, and is not queued on the watch.) A signaller first changes the state the waiter's
 * condition reads (with a volatile write or a CAS), then {@link #signal}s: if it sees waiters it increments the
 * sequence ({@link #ONE} for "wake one", {@link #ALL} for "wake all"), hands the change to its own process's
 * parked waiters ({@link Watch#wakeLocal}), and, if more threads are registered than are parked in its process and
 * unless a wake is already pending, sets the flag and wakes every waker sleeping on the word ({@code FUTEX_WAKE}). Both sides do a volatile write followed by a volatile read of the other's word (waiters then
 * sequence then state; state then waiters), so either the waiter's re-check sees the new state, or the signaller
 * sees the waiter and its increment changes the word after the waiter read it, which the waker sees (the kernel
 * compares the word with the waker's last value atomically with queueing it). A waker clears the pending flag
 * just before it reads the word and goes to sleep, so the flag stays set (and releases make no system call) while
 * it is awake; a pending flag seen by a signaller was set by a signaller whose wake reaches every waker asleep at
 * that time, and a waker that goes to sleep later clears the flag first, then reads the word. (A signaller whose
 * wake reached nobody leaves the flag set for that reason: clearing it could let a later signaller skip its wake
 * on a flag about to be cleared, while a waker that had read the word before that signaller's increment sleeps.) A flag left set by
 * a process killed in between is cleared by the next waker that sleeps (at least every 100 ms while any waits).
 */
public final class EventCount
{
    /** Sequence increment of a "wake one" signal: one parked waiter per process is unparked. */
    public static final int ONE = 1;
    /** Sequence increment of a "wake all" signal: every parked waiter is unparked. */
    public static final int ALL = 1 << 16;

    private final AtomicBuffer buffer;
    private final int sequenceOffset;
    private final int waitersOffset;
    private final int pendingOffset;
    private final Sleeper sleeper;
    /** This process's watch of the word, cached (racy but benign: a stale one answers RETIRED). */
    private Watch watch;

    /**
     * @param buffer  the entry's buffer.
     * @param offset  offset of the event count (4-byte aligned) in the entry.
     * @param sleeper how the waker thread sleeps.
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
     * Registers the calling thread as a waiter. Follow with a re-check of the condition, then {@link #await} or
     * {@link #cancel}.
     *
     * @return the sequence value to pass to {@link #await}.
     */
    public int prepare()
    {
        // Volatile RMW then volatile read: ordered before the caller's re-check of its condition, pairing with the
        // signaller's state write then waiter-count read in signal().
        buffer.getAndAddInt(waitersOffset, 1);
        return buffer.getIntVolatile(sequenceOffset);
    }

    /**
     * Parks the calling thread until the sequence changes from {@code sequence} (a signal), the waker asks for a
     * liveness check, {@code nanos} pass, or the thread is interrupted; then deregisters. May return early;
     * callers re-check their condition. The thread is {@code WAITING} (or {@code TIMED_WAITING}) meanwhile, and a
     * virtual thread unmounts; a {@link KernelWaitThread} sleeps in the kernel instead ({@code RUNNABLE}).
     *
     * @param sequence value returned by {@link #prepare}.
     * @param nanos    longest wait ({@link Long#MAX_VALUE}: no limit).
     * @return true if the waker asked this waiter to check whether the other side is dead.
     */
    public boolean await(final int sequence, final long nanos)
    {
        if (sleeper instanceof FutexSleeper && KernelWaitThread.isCurrent())
        {
            try
            {
                return ((KernelWaitThread)Thread.currentThread()).sleep(this, sequence, nanos);
            }
            finally
            {
                cancel();
            }
        }
        final Watch.Node node = new Watch.Node(Thread.currentThread(), sequence);
        try
        {
            Watch current = watch;
            while (true)
            {
                if (current == null)
                {
                    current = Watch.of(buffer, sequenceOffset, pendingOffset, sleeper);
                    watch = current;
                }
                final int queued = current.enqueue(node);
                if (queued == Watch.STALE)
                {
                    return false;
                }
                if (queued == Watch.QUEUED)
                {
                    break;
                }
                current = null;
            }
            park(node, nanos);
            current.remove(node);
            return node.state == Watch.RECOVER;
        }
        finally
        {
            cancel();
        }
    }

    private void park(final Watch.Node node, final long nanos)
    {
        final long deadline = nanos == Long.MAX_VALUE ? 0 : System.nanoTime() + nanos;
        // Volatile read of the node state: pairs with the waker's store before its unpark.
        while (node.state == Watch.WAITING && !Thread.currentThread().isInterrupted())
        {
            if (nanos == Long.MAX_VALUE)
            {
                LockSupport.park(this);
            }
            else
            {
                final long remaining = deadline - System.nanoTime();
                if (remaining <= 0)
                {
                    return;
                }
                LockSupport.parkNanos(this, remaining);
            }
        }
    }

    /**
     * The sleep of a {@link KernelWaitThread}: in the kernel on the sequence word, as a waker sleeps, for at most
     * {@code nanos}.
     *
     * @param sequence the value read by {@link #prepare}.
     * @param nanos    longest sleep, greater than 0.
     * @return false if the word no longer holds {@code sequence} (no sleep).
     */
    boolean sleepInKernel(final int sequence, final long nanos)
    {
        // As a waker does (Watch.run): volatile store clearing the pending flag, then volatile read of the word, so
        // that a signaller whose increment this read misses sees the flag clear and wakes the kernel. Pairs with
        // the increment then flag CAS in signal().
        buffer.putIntVolatile(pendingOffset, 0);
        if (buffer.getIntVolatile(sequenceOffset) != sequence)
        {
            return false;
        }
        sleeper.await(buffer, sequenceOffset, sequence, nanos);
        return true;
    }

    /**
     * Changes the word and wakes its sleepers, for {@link KernelWaitThread#interrupt()}: a spurious "wake one"
     * that every other waiter re-checks and ignores.
     */
    void nudge()
    {
        // Volatile RMW then wake: a sleeper that read the word before it sees the change in the kernel's compare.
        buffer.getAndAddInt(sequenceOffset, ONE);
        sleeper.wake(buffer, sequenceOffset, Integer.MAX_VALUE);
    }

    /**
     * Deregisters a waiter that will not park after all (its re-check succeeded).
     */
    public void cancel()
    {
        buffer.getAndAddInt(waitersOffset, -1);
    }

    /**
     * Wakes up to {@code count} waiters of each process if there are any. Call after the state change the waiters
     * wait for. Costs one volatile read when nobody waits (two in a process that has waited on it); a system call
     * only when no wake is already pending.
     *
     * @param count 1 to wake one waiter (per process with waiters), anything else to wake all.
     */
    public void signal(final int count)
    {
        final Watch local = watch;
        // Volatile read, before the waiter count: the local nodes the shortcut below may count were all queued, so
        // registered, before that count was read (Watch.wakeLocal).
        final long enqueuedBefore = local == null ? 0 : local.enqueues();
        // Volatile read after the caller's volatile state write: pairs with prepare()'s increment.
        final int waiters = buffer.getIntVolatile(waitersOffset);
        if (waiters > 0)
        {
            // Volatile RMW: changes the word every waiter and waker compares with.
            buffer.getAndAddInt(sequenceOffset, count == 1 ? ONE : ALL);
            // This process's parked waiters (those that waited through this handle: its cached watch, so that a
            // release allocates nothing) are unparked here, without the waker's hop; the kernel is woken only if
            // more threads are registered than are parked here and were queued before the waiter count was read
            // (other processes', other handles', kernel sleepers, or ones about to park: those find the change
            // when they queue). A thread registering after the waiter-count read above re-checks the state after
            // it, so it needs no wake.
            final int parkedHere = local == null ? 0 : local.wakeLocal(enqueuedBefore);
            if (waiters <= parkedHere)
            {
                return;
            }
            // Only wakers clear the flag (before they read the word and sleep), never a signaller whose wake
            // reached nobody: a signaller that saw the flag set and skipped its wake relies on the next waker to
            // sleep reading the word after clearing the flag, hence after this signaller's increment.
            if (buffer.getIntVolatile(pendingOffset) == 0 && buffer.compareAndSetInt(pendingOffset, 0, 1))
            {
                sleeper.wake(buffer, sequenceOffset, Integer.MAX_VALUE);
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

}

package dev.shmem.internal.lock;

import dev.shmem.SharedSemaphore;
import dev.shmem.internal.diag.Diagnostics;
import dev.shmem.internal.liveness.PermitLedger;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.EventCount;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

import static dev.shmem.internal.lock.SemaphoreDescriptor.EVENT_COUNT_OFFSET;
import static dev.shmem.internal.lock.SemaphoreDescriptor.INITIAL_PERMITS_OFFSET;
import static dev.shmem.internal.lock.SemaphoreDescriptor.PERMITS_OFFSET;
import static dev.shmem.internal.lock.SemaphoreDescriptor.RECOVERED_OFFSET;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedSemaphore}.
 */
public final class MappedSemaphore implements SharedSemaphore
{
    private final String name;
    private final AtomicBuffer buffer;
    private final Attachment attachment;
    private final EventCount events;
    private final PermitLedger ledger;
    private final Bound bound;
    private final int initialPermits;
    private long lastRecovery = System.nanoTime();

    /**
     * Whether releases are limited to the initial permits.
     */
    public enum Bound
    {
        UNBOUNDED, BOUNDED
    }

    public MappedSemaphore(final String name, final AtomicBuffer buffer, final Attachment attachment, final Sleeper sleeper,
        final Bound bound)
    {
        this.name = name;
        this.buffer = buffer;
        this.attachment = attachment;
        this.events = new EventCount(buffer, EVENT_COUNT_OFFSET, sleeper);
        this.ledger = new PermitLedger(buffer, attachment.region().processes(), attachment.processStamp());
        this.bound = bound;
        // Written once at creation and published with the entry (the directory's READY release store).
        this.initialPermits = buffer.getIntVolatile(INITIAL_PERMITS_OFFSET);
    }

    /**
     * @return the entry name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Acquires one permit, waiting as long as it takes.
     *
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    public void acquire() throws InterruptedException
    {
        acquire(1);
    }

    /**
     * Acquires {@code permits} permits at once, waiting as long as it takes.
     *
     * @param permits permits to take.
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    public void acquire(final int permits) throws InterruptedException
    {
        checkAcquire(permits);
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        if (!take(permits))
        {
            await(permits, Waiting.NO_TIMEOUT, Waiting.Interruption.THROW);
        }
    }

    /**
     * Acquires one permit, waiting as long as it takes; an interrupt does not stop the wait (the interrupt status
     * is kept).
     */
    public void acquireUninterruptibly()
    {
        acquireUninterruptibly(1);
    }

    /**
     * Acquires {@code permits} permits, waiting as long as it takes; an interrupt does not stop the wait (the
     * interrupt status is kept).
     *
     * @param permits permits to take.
     */
    public void acquireUninterruptibly(final int permits)
    {
        checkAcquire(permits);
        if (!take(permits))
        {
            try
            {
                await(permits, Waiting.NO_TIMEOUT, Waiting.Interruption.DEFER);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException("uninterruptible wait reported an interrupt", ex);
            }
        }
    }

    /**
     * @return true if one permit was available and taken now.
     */
    public boolean tryAcquire()
    {
        return tryAcquire(1);
    }

    /**
     * @param permits permits to take.
     * @return true if they were available and taken now.
     */
    public boolean tryAcquire(final int permits)
    {
        checkAcquire(permits);
        if (take(permits))
        {
            return true;
        }
        final long now = System.nanoTime();
        if (now - lastRecovery >= Waiting.LIVENESS_INTERVAL_NANOS)
        {
            lastRecovery = now;
            return recover(permits);
        }
        return false;
    }

    /**
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return true if a permit was taken, false if the time elapsed first.
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    public boolean tryAcquire(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return tryAcquire(1, timeout, unit);
    }

    /**
     * @param permits permits to take at once.
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return true if the permits were taken, false if the time elapsed first (then none are taken).
     * @throws InterruptedException if interrupted on entry or while waiting; no permit is taken.
     */
    public boolean tryAcquire(final int permits, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkAcquire(permits);
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        return take(permits) || await(permits, Math.max(0, unit.toNanos(timeout)), Waiting.Interruption.THROW);
    }

    /**
     * Releases one permit.
     *
     * @throws IllegalStateException if this is a bounded semaphore already at its initial permits.
     */
    public void release()
    {
        release(1);
    }

    /**
     * Releases {@code permits} permits.
     *
     * @param permits permits to give back.
     * @throws IllegalArgumentException if negative.
     * @throws IllegalStateException    if this is a bounded semaphore and the release would take it past its
     *                                  initial permits; nothing is released then.
     */
    public void release(final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits " + permits + " is negative: expected 0 or more");
        }
        final int limit = bound == Bound.BOUNDED ? initialPermits() : Integer.MAX_VALUE;
        // The ledger is reduced first: a process killed between the two steps leaks permits, never doubles them.
        // A refused release does not put them back: another thread of this process may have released the same
        // permits meanwhile (found with jcstress, BoundedSemaphoreOverReleaseTest), and a permit put back twice
        // would be returned twice if this process died. An over-release, a misuse, may thus leak on death.
        ledger.subtract(permits);
        while (true)
        {
            final int available = buffer.getIntVolatile(PERMITS_OFFSET);
            if ((long)available + permits > limit)
            {
                if (bound == Bound.BOUNDED)
                {
                    throw new IllegalStateException("bounded semaphore '" + name + "' released too many times: " +
                        available + " available + " + permits + " released > " + limit + " initial permits");
                }
                throw new Error("Maximum permit count exceeded for semaphore '" + name + "'");
            }
            // CAS with volatile semantics: pairs with the CAS in take() of the next acquirer.
            if (buffer.compareAndSetInt(PERMITS_OFFSET, available, available + permits))
            {
                break;
            }
        }
        events.signal(Integer.MAX_VALUE);
    }

    /**
     * Acquires and returns all permits that are immediately available.
     *
     * @return the number of permits taken.
     */
    public int drainPermits()
    {
        while (true)
        {
            final int available = buffer.getIntVolatile(PERMITS_OFFSET);
            if (available == 0)
            {
                return 0;
            }
            if (available > 0)
            {
                if (take(available))
                {
                    return available;
                }
            }
            // A negative count: released to 0, as j.u.c. CAS with volatile semantics as in release().
            else if (buffer.compareAndSetInt(PERMITS_OFFSET, available, 0))
            {
                ledger.subtract(-available);
                return available;
            }
        }
    }

    /**
     * @return the permits available now (a snapshot).
     */
    public int availablePermits()
    {
        return buffer.getIntVolatile(PERMITS_OFFSET);
    }

    /**
     * @return the permits the semaphore was created with (the bound of a bounded semaphore).
     */
    public int initialPermits()
    {
        return initialPermits;
    }

    /**
     * @return true for a bounded semaphore.
     */
    public boolean isBounded()
    {
        return bound == Bound.BOUNDED;
    }

    /**
     * @return permits this process holds according to its ledger.
     */
    public int heldByThisProcess()
    {
        return ledger.heldByThisProcess();
    }

    /**
     * @return permits returned from dead processes over the region's life.
     */
    public long recoveredPermits()
    {
        return buffer.getLongVolatile(RECOVERED_OFFSET);
    }

    /**
     * @return the number of threads registered as waiting (a snapshot).
     */
    public int waiters()
    {
        return events.waiters();
    }

    @Override
    public String toString()
    {
        return (bound == Bound.BOUNDED ? "SharedSemaphore[bounded '" : "SharedSemaphore['") + name + "', " +
            availablePermits() + " of " + initialPermits() + " permits]";
    }

    private boolean take(final int permits)
    {
        while (true)
        {
            final int available = buffer.getIntVolatile(PERMITS_OFFSET);
            if (available < permits)
            {
                return false;
            }
            // CAS with volatile semantics: pairs with the releasing CAS in release() and returnPermits().
            if (buffer.compareAndSetInt(PERMITS_OFFSET, available, available - permits))
            {
                final int orphaned = ledger.add(permits);
                if (orphaned > 0)
                {
                    returnPermits(orphaned);
                }
                return true;
            }
        }
    }

    private boolean await(final int permits, final long timeoutNanos, final Waiting.Interruption interruption)
        throws InterruptedException
    {
        boolean acquired = false;
        final Object event = Diagnostics.beginWait();
        try
        {
            acquired = Waiting.await(events, () -> take(permits), () -> recover(permits), timeoutNanos, interruption,
                Waiting.Spin.PARK_AT_ONCE);
            return acquired;
        }
        finally
        {
            Diagnostics.waited(event, name, "semaphore", 0, acquired);
            if (!acquired && availablePermits() > 0)
            {
                // This waiter may have consumed a wake meant for another: pass it on.
                events.signal(Integer.MAX_VALUE);
            }
        }
    }

    private boolean recover(final int permits)
    {
        final int recovered = ledger.recoverDead();
        if (recovered > 0)
        {
            returnPermits(recovered);
            buffer.getAndAddLong(RECOVERED_OFFSET, recovered);
            Diagnostics.takeover(name, "semaphore", 0, recovered);
        }
        return take(permits);
    }

    private void returnPermits(final int permits)
    {
        final long limit = bound == Bound.BOUNDED ? initialPermits() : Integer.MAX_VALUE;
        while (true)
        {
            final int available = buffer.getIntVolatile(PERMITS_OFFSET);
            final int updated = (int)Math.min(limit, (long)available + permits);
            if (buffer.compareAndSetInt(PERMITS_OFFSET, available, updated))
            {
                break;
            }
        }
        events.signal(Integer.MAX_VALUE);
    }

    private void checkAcquire(final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits " + permits + " is negative: expected 0 or more");
        }
        if (bound == Bound.BOUNDED && permits > initialPermits())
        {
            throw new IllegalArgumentException("cannot acquire " + permits + " permits at once from bounded " +
                "semaphore '" + name + "' of " + initialPermits() + " permits: it would wait forever");
        }
        if (attachment.isDetached())
        {
            throw new IllegalStateException("semaphore '" + name + "': region " + attachment.region().path() +
                " is closed");
        }
    }
}

package dev.shmem.internal.lock;

import dev.shmem.SharedLock;
import dev.shmem.SharedReentrantLock;
import dev.shmem.internal.diag.Diagnostics;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.sync.DeferredWakes;
import dev.shmem.internal.wait.EventCount;
import dev.shmem.internal.wait.LongWait;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.shmem.internal.lock.LockDescriptor.DEAD_OWNER_PID_OFFSET;
import static dev.shmem.internal.lock.LockDescriptor.FLAGS_OFFSET;
import static dev.shmem.internal.lock.LockDescriptor.FLAG_INCONSISTENT;
import static dev.shmem.internal.lock.LockDescriptor.HANDOFF_OFFSET;
import static dev.shmem.internal.lock.LockDescriptor.HOLD_COUNT_OFFSET;
import static dev.shmem.internal.lock.LockDescriptor.OWNER_OFFSET;
import static dev.shmem.internal.lock.LockDescriptor.TAKEOVERS_OFFSET;

/**
 * The owner-stamped lock word behind {@code SharedLock} and {@code SharedReentrantLock}: CAS fast path (barging,
 * bounded by the hand-off word), event count slow path, dead-owner takeover. See {@link LockDescriptor} for the
 * layout and the pairing of its accesses.
 *
 * <p>Two fields change after construction, both caches of this handle's own timing (which a handle's users
 * share): when it last checked its owner's liveness for {@link #tryTakeOverOccasionally} and when it last logged
 * a long wait. They are plain fields: a race between threads of this process only makes one check or one
 * warning more or less.
 */
public final class LockWord
{
    /** A waiter that has waited this long claims the next hand-off: barging stops until it has the lock. */
    public static final long BARGE_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final System.Logger LOGGER = System.getLogger("dev.shmem");

    private final String name;
    private final AtomicBuffer buffer;
    private final Attachment attachment;
    private final ProcessTable processes;
    private final EventCount events;
    private final Sleeper sleeper;
    private long lastLivenessCheck = System.nanoTime();
    private final AtomicLong lastLongWaitWarning = LongWait.newHandleClock();

    /**
     * @param name       entry name, for messages.
     * @param buffer     the lock entry's buffer.
     * @param attachment this JVM's attachment to the region.
     * @param sleeper    how waiters sleep.
     */
    public LockWord(final String name, final AtomicBuffer buffer, final Attachment attachment, final Sleeper sleeper)
    {
        this.name = name;
        this.buffer = buffer;
        this.attachment = attachment;
        this.processes = attachment.region().processes();
        this.events = new EventCount(buffer, LockDescriptor.EVENT_COUNT_OFFSET, sleeper);
        this.sleeper = sleeper;
    }

    /**
     * @return this JVM's attachment to the lock's region.
     */
    public Attachment attachment()
    {
        return attachment;
    }

    /**
     * @return how this lock's waiters sleep (its conditions' waiters sleep the same way).
     */
    public Sleeper sleeper()
    {
        return sleeper;
    }

    /**
     * @return true if the lock is held by a thread of a process that is no longer alive.
     */
    public boolean isOwnerDead()
    {
        final long owner = owner();
        return owner != 0 && !processes.isAlive(owner);
    }

    /**
     * @return the calling thread's owner stamp.
     * @throws IllegalStateException if this JVM has closed every handle on the region.
     */
    public long stamp()
    {
        if (attachment.isDetached())
        {
            throw new IllegalStateException("lock '" + name + "': region " + attachment.region().path() +
                " is closed");
        }
        return attachment.threadStamp();
    }

    /**
     * @return the calling thread's owner stamp, also after the region was closed (for releases).
     */
    public long releaseStamp()
    {
        return attachment.threadStamp();
    }

    /**
     * @return the stamp of the owner, 0 if free (volatile read).
     */
    public long owner()
    {
        return buffer.getLongVolatile(OWNER_OFFSET);
    }

    /**
     * One CAS attempt, no waiting. Fails while another waiter holds the hand-off.
     *
     * @param stamp the caller's stamp.
     * @return true if the caller now owns the lock.
     */
    public boolean tryAcquire(final long stamp)
    {
        // Volatile reads then CAS (test-and-test-and-set). The CAS has volatile semantics: it pairs with the
        // previous owner's volatile store of 0 in release(), so the previous critical section happens-before ours.
        // The hand-off read pairs with the starving waiter's CAS in Acquisition.attempt(): an acquirer that
        // misses it takes the lock once more, after which its next attempt sees it.
        if (buffer.getLongVolatile(OWNER_OFFSET) != 0)
        {
            return false;
        }
        final long handoff = buffer.getLongVolatile(HANDOFF_OFFSET);
        return (handoff == 0 || handoff == stamp) && buffer.compareAndSetLong(OWNER_OFFSET, 0, stamp);
    }

    /**
     * A failed non-blocking attempt may still take over from a dead owner, at most once per liveness interval.
     *
     * @param stamp the caller's stamp.
     * @return true if the caller took the lock over.
     */
    public boolean tryTakeOverOccasionally(final long stamp)
    {
        final long now = System.nanoTime();
        if (now - lastLivenessCheck < Waiting.LIVENESS_INTERVAL_NANOS)
        {
            return false;
        }
        lastLivenessCheck = now;
        return takeOverIfOwnerDead(stamp);
    }

    /**
     * Blocks until the caller owns the lock.
     *
     * @param stamp        the caller's stamp.
     * @param timeoutNanos longest wait, or {@link Waiting#NO_TIMEOUT}.
     * @param interruption what an interrupt does.
     * @param spin         {@link Waiting.Spin#PARK_AT_ONCE} for lock() and its variants,
     *                     {@link Waiting.Spin#SPIN_THEN_PARK} for a condition waiter re-taking the lock its
     *                     signaller is about to release.
     * @return true if acquired, false on timeout.
     * @throws InterruptedException with {@link Waiting.Interruption#THROW} if interrupted.
     */
    public boolean acquire(final long stamp, final long timeoutNanos, final Waiting.Interruption interruption,
        final Waiting.Spin spin) throws InterruptedException
    {
        final Acquisition acquisition = new Acquisition(stamp);
        boolean acquired = false;
        try
        {
            acquired = Waiting.await(events, acquisition::attempt, acquisition::recover, timeoutNanos,
                interruption, spin);
            return acquired;
        }
        finally
        {
            // Gives the hand-off up (acquired or not) if this waiter claimed it: only this thread writes its own
            // stamp there, so a volatile read that does not see it means the CAS would fail; the read spares the
            // owner's cache line a locked write on every contended acquire. Pairs with Acquisition.attempt().
            if (buffer.getLongVolatile(HANDOFF_OFFSET) == stamp)
            {
                buffer.compareAndSetLong(HANDOFF_OFFSET, stamp, 0);
            }
            if (!acquired && owner() == 0)
            {
                // This waiter may have consumed a wake meant for the next one: pass it on.
                events.signal(1);
            }
        }
    }

    /**
     * Releases the lock; the caller must own it.
     */
    public void release()
    {
        // Volatile store: ends the critical section, pairs with the next owner's CAS in tryAcquire(); being
        // volatile, it is also ordered before the reads of the hand-off and the waiter count.
        buffer.putLongVolatile(OWNER_OFFSET, 0);
        // A starving waiter must run, whichever local waiter the waker would pick: wake them all.
        events.signal(buffer.getLongVolatile(HANDOFF_OFFSET) == 0 ? 1 : Integer.MAX_VALUE);
        // The waiters this thread signalled on the lock's conditions: woken now that they can take the lock.
        DeferredWakes.flush();
    }

    /**
     * @return the hold count (only meaningful to the owner; plain read ordered by the owner's acquire).
     */
    public int holdCount()
    {
        return buffer.getInt(HOLD_COUNT_OFFSET);
    }

    /**
     * @param count new hold count (owner only; plain write, published by the release that ends the hold).
     */
    public void holdCount(final int count)
    {
        buffer.putInt(HOLD_COUNT_OFFSET, count);
    }

    /**
     * @return true unless a previous owner died holding the lock and no owner has marked the data consistent.
     */
    public boolean isConsistent()
    {
        // Volatile read: pairs with the volatile writes of the flags by owners.
        return (buffer.getIntVolatile(FLAGS_OFFSET) & FLAG_INCONSISTENT) == 0;
    }

    /**
     * Clears the inconsistent flag (owner only).
     */
    public void markConsistent()
    {
        buffer.putIntVolatile(FLAGS_OFFSET, buffer.getIntVolatile(FLAGS_OFFSET) & ~FLAG_INCONSISTENT);
    }

    /**
     * @return how many times the lock was taken over from a dead owner.
     */
    public long takeovers()
    {
        return buffer.getLongVolatile(TAKEOVERS_OFFSET);
    }

    /**
     * @return pid of the last owner that died holding the lock, 0 if none.
     */
    public long lastDeadOwnerPid()
    {
        return buffer.getLongVolatile(DEAD_OWNER_PID_OFFSET);
    }

    /**
     * @return the pid of the current owner, 0 if free.
     */
    public long ownerPid()
    {
        final long owner = owner();
        return owner == 0 ? 0 : processes.pidOf(owner);
    }

    /**
     * @return the number of threads registered as waiting (a snapshot).
     */
    public int waiters()
    {
        return events.waiters();
    }

    /**
     * @param stamp the caller's stamp.
     * @return a description of the owner for messages, e.g. "free" or "pid 123 thread 45".
     */
    public String describeOwner(final long stamp)
    {
        final long owner = owner();
        if (owner == 0)
        {
            return "free";
        }
        if (ProcessTable.processPart(owner) == ProcessTable.processPart(stamp))
        {
            return "held by thread id " + (owner & 0xFFFF_FFFFL) + " of this process";
        }
        final long pid = processes.pidOf(owner);
        return pid == 0 ? "held by a process that has left the process table" : "held by pid " + pid;
    }

    /**
     * One blocking acquire's state: when it started, for the barging bound and the long-wait warning.
     */
    private final class Acquisition
    {
        private final long stamp;
        private final LongWait longWait = new LongWait(lastLongWaitWarning);
        private final long start = longWait.start();

        Acquisition(final long stamp)
        {
            this.stamp = stamp;
        }

        boolean attempt()
        {
            if (tryAcquire(stamp))
            {
                return true;
            }
            if (System.nanoTime() - start < BARGE_BOUND_NANOS)
            {
                return false;
            }
            // Volatile read then CAS: pairs with the reads of the hand-off in tryAcquire() and release().
            if (buffer.getLongVolatile(HANDOFF_OFFSET) == 0 && buffer.compareAndSetLong(HANDOFF_OFFSET, 0, stamp))
            {
                return tryAcquire(stamp);
            }
            return false;
        }

        boolean recover()
        {
            clearDeadHandoff();
            if (takeOverIfOwnerDead(stamp))
            {
                return true;
            }
            final long now = System.nanoTime();
            final long waited = now - start;
            if (longWait.due(now))
            {
                LOGGER.log(Level.WARNING, "waiting " + TimeUnit.NANOSECONDS.toSeconds(waited) + " s for lock '" +
                    name + "' " + describeOwner(stamp) + " (alive)");
            }
            return false;
        }

        private void clearDeadHandoff()
        {
            final long handoff = buffer.getLongVolatile(HANDOFF_OFFSET);
            if (handoff != 0 && handoff != stamp && !processes.isAlive(handoff))
            {
                // CAS from the dead claimer's stamp: pairs with Acquisition.attempt() of the next claimer.
                buffer.compareAndSetLong(HANDOFF_OFFSET, handoff, 0);
            }
        }
    }

    private boolean takeOverIfOwnerDead(final long stamp)
    {
        final long owner = owner();
        if (owner == 0 || processes.isAlive(owner))
        {
            return false;
        }
        final long deadPid = processes.pidOf(owner);
        // CAS from the dead owner's stamp: exactly one of several waiters wins; volatile semantics as tryAcquire.
        if (!buffer.compareAndSetLong(OWNER_OFFSET, owner, stamp))
        {
            return false;
        }
        // We own the lock: only owners write these. Volatile writes so inspectors (and isConsistent() callers
        // in other processes) see them promptly.
        buffer.putIntVolatile(FLAGS_OFFSET, buffer.getIntVolatile(FLAGS_OFFSET) | FLAG_INCONSISTENT);
        buffer.putLongVolatile(DEAD_OWNER_PID_OFFSET, deadPid);
        buffer.putLongVolatile(TAKEOVERS_OFFSET, buffer.getLongVolatile(TAKEOVERS_OFFSET) + 1);
        buffer.putInt(HOLD_COUNT_OFFSET, 0);
        LOGGER.log(Level.WARNING, "lock '" + name + "' taken over from dead owner " +
            (deadPid == 0 ? "(pid unknown: its process slot was reused)" : "pid " + deadPid) +
            "; the data it guards may be inconsistent until markConsistent()");
        Diagnostics.takeover(name, "lock", deadPid, 1);
        return true;
    }

    /**
     * @return the lock entry's data offset in the region file (what wait records and the inspector name it by).
     */
    public long entryOffset()
    {
        return buffer.addressOffset() - attachment.region().buffer().addressOffset();
    }

    /**
     * @return this process's wait table in the lock's region.
     */
    public dev.shmem.internal.diag.WaitTable waitTable()
    {
        return attachment.waitTable();
    }

    /**
     * @param stamp a process or thread stamp.
     * @return the pid of the process it names, 0 if unknown.
     */
    public long pidOf(final long stamp)
    {
        return processes.pidOf(stamp);
    }
}

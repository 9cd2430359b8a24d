package dev.shmem.internal.sync;

import dev.shmem.SharedCondition;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.Names;
import dev.shmem.internal.wait.EventCount;
import dev.shmem.internal.wait.LongWait;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.shmem.internal.sync.ConditionDescriptor.FREE;
import static dev.shmem.internal.sync.ConditionDescriptor.NEXT_TICKET_OFFSET;
import static dev.shmem.internal.sync.ConditionDescriptor.REGRANTS_OFFSET;
import static dev.shmem.internal.sync.ConditionDescriptor.SIGNALLED;
import static dev.shmem.internal.sync.ConditionDescriptor.SLOTS;
import static dev.shmem.internal.sync.ConditionDescriptor.SLOTS_FIELD_OFFSET;
import static dev.shmem.internal.sync.ConditionDescriptor.SLOT_EVENT_COUNT_OFFSET;
import static dev.shmem.internal.sync.ConditionDescriptor.SLOT_OWNER_OFFSET;
import static dev.shmem.internal.sync.ConditionDescriptor.SLOT_STATE_OFFSET;
import static dev.shmem.internal.sync.ConditionDescriptor.WAITING;
import static dev.shmem.internal.sync.ConditionDescriptor.slotOffset;
import static dev.shmem.internal.sync.ConditionDescriptor.slotState;
import static dev.shmem.internal.sync.ConditionDescriptor.status;
import static dev.shmem.internal.sync.ConditionDescriptor.ticket;

/**
 * The mapped-file implementation of {@link SharedCondition} (layout and protocol: {@link ConditionDescriptor}).
 * The entry of condition {@code c} of lock {@code l} is named {@code l/c}.
 *
 * <p>Memory consistency effects: those of the lock. The awaiting thread releases the lock after claiming its slot
 * and holds it again before returning; the signaller holds it while it marks the slot.
 */
public final class MappedCondition implements SharedCondition
{
    /** Separates the lock's name from the condition's in the condition's entry name. */
    public static final String SEPARATOR = "/";
    private static final AtomicLong UNNAMED = new AtomicLong();

    private final String name;
    private final ConditionLock lock;
    private final AtomicBuffer buffer;
    private final ProcessTable processes;
    private final EventCount[] events = new EventCount[SLOTS];
    /** When a wait on this handle last logged its long-wait warning. */
    private final AtomicLong lastLongWaitWarning = LongWait.newHandleClock();

    private MappedCondition(final String name, final ConditionLock lock, final AtomicBuffer buffer,
        final Sleeper sleeper)
    {
        this.name = name;
        this.lock = lock;
        this.buffer = buffer;
        this.processes = lock.attachment().region().processes();
        for (int i = 0; i < SLOTS; i++)
        {
            events[i] = new EventCount(buffer, slotOffset(i) + SLOT_EVENT_COUNT_OFFSET, sleeper);
        }
        // Written once at creation and published with the entry; checked, since nothing in the file is trusted.
        final int slots = buffer.getIntVolatile(SLOTS_FIELD_OFFSET);
        if (slots != SLOTS)
        {
            throw new dev.shmem.RegionCorruptException("region is corrupt: condition '" + name + "' of " +
                lock.kindName() + " '" + lock.name() + "' has " + slots + " slots, expected " + SLOTS);
        }
    }

    /**
     * Gets or creates the named condition of a lock.
     *
     * @param lock          the lock.
     * @param conditionName the condition's name.
     * @param sleeper       how waiters sleep.
     * @return the condition.
     * @throws IllegalArgumentException if the name is invalid or too long together with the lock's.
     * @throws IllegalStateException    if the region is closed, or the entry exists as another type.
     */
    public static MappedCondition open(final ConditionLock lock, final String conditionName, final Sleeper sleeper)
    {
        Names.encode(conditionName);
        final String entryName = lock.name() + SEPARATOR + conditionName;
        final int bytes = entryName.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > dev.shmem.internal.region.DirectoryDescriptor.MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("condition name " + Names.quote(conditionName) + " of lock " +
                Names.quote(lock.name()) + " is too long: the entry name " + Names.quote(entryName) + " has " +
                bytes + " bytes, expected at most " + dev.shmem.internal.region.DirectoryDescriptor.MAX_NAME_LENGTH);
        }
        final Attachment attachment = lock.attachment();
        if (attachment.isDetached())
        {
            throw new IllegalStateException("region " + attachment.region().path() + " is closed");
        }
        final MappedRegion region = attachment.region();
        final EntryRecord entry = region.directory().getOrCreate(attachment.processStamp(), entryName,
            EntryType.CONDITION, 1, 0,
            // Plain write: published by the directory's release store of the record's READY state.
            offset -> region.buffer().putInt(offset + SLOTS_FIELD_OFFSET, SLOTS));
        return new MappedCondition(conditionName, lock,
            new UnsafeBuffer(region.buffer(), entry.dataOffset(), entry.dataBytes()), sleeper);
    }

    /**
     * @param lock    the lock.
     * @param sleeper how waiters sleep.
     * @return a new condition of the lock with a name unique in the region (this process's stamp and a counter).
     */
    public static MappedCondition create(final ConditionLock lock, final Sleeper sleeper)
    {
        return open(lock, "cond-" + Long.toHexString(lock.attachment().processStamp() >>> 32) + "-" +
            UNNAMED.incrementAndGet(), sleeper);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void await() throws InterruptedException
    {
        checkInterruptThenHeld();
        if (awaitSignal(Waiting.NO_TIMEOUT, Waiting.Interruption.THROW) == Outcome.INTERRUPTED)
        {
            throw new InterruptedException();
        }
    }

    @Override
    public void awaitUninterruptibly()
    {
        checkHeld();
        awaitSignal(Waiting.NO_TIMEOUT, Waiting.Interruption.DEFER);
    }

    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        checkInterruptThenHeld();
        final long deadline = System.nanoTime() + Math.max(0, nanosTimeout);
        if (awaitSignal(Math.max(0, nanosTimeout), Waiting.Interruption.THROW) == Outcome.INTERRUPTED)
        {
            throw new InterruptedException();
        }
        return deadline - System.nanoTime();
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        checkInterruptThenHeld();
        final Outcome outcome = awaitSignal(Math.max(0, unit.toNanos(time)), Waiting.Interruption.THROW);
        if (outcome == Outcome.INTERRUPTED)
        {
            throw new InterruptedException();
        }
        return outcome == Outcome.SIGNALLED;
    }

    @Override
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        checkInterruptThenHeld();
        final long millis = deadline.getTime() - System.currentTimeMillis();
        final Outcome outcome = awaitSignal(Math.max(0, TimeUnit.MILLISECONDS.toNanos(millis)),
            Waiting.Interruption.THROW);
        if (outcome == Outcome.INTERRUPTED)
        {
            throw new InterruptedException();
        }
        return outcome == Outcome.SIGNALLED;
    }

    @Override
    public void signal()
    {
        checkHeld();
        final int slot = signalOldest(false);
        if (slot >= 0)
        {
            // Woken when this thread releases the lock (DeferredWakes): it could not take the lock before.
            DeferredWakes.defer(events[slot]);
        }
    }

    @Override
    public void signalAll()
    {
        checkHeld();
        for (int i = 0; i < SLOTS; i++)
        {
            final int offset = slotOffset(i) + SLOT_STATE_OFFSET;
            final long state = buffer.getLongVolatile(offset);
            // CAS against the waiter's cancelling CAS: exactly one of the two wins.
            if (status(state) == WAITING &&
                buffer.compareAndSetLong(offset, state, slotState(ticket(state), SIGNALLED)))
            {
                DeferredWakes.defer(events[i]);
            }
        }
    }

    /**
     * @return threads waiting now, in all processes (a snapshot, for inspectors and tests).
     */
    public int waiters()
    {
        return ConditionDescriptor.waiting(buffer, 0);
    }

    /**
     * @return signals taken back from dead waiters and given to live ones (for inspectors and tests).
     */
    public long regrants()
    {
        return buffer.getLongVolatile(REGRANTS_OFFSET);
    }

    private enum Outcome
    {
        SIGNALLED, TIMED_OUT, INTERRUPTED
    }

    private Outcome awaitSignal(final long timeoutNanos, final Waiting.Interruption interruption)
    {
        // The ticket is read before claimSlot() increments it; the lock orders the plain read.
        final int ticket = buffer.getInt(NEXT_TICKET_OFFSET);
        final int slot = claimSlot(ticket);
        final int offset = slotOffset(slot) + SLOT_STATE_OFFSET;
        // Built, not read back: a recoverer may already have signalled the slot.
        final long waiting = slotState(ticket, WAITING);
        final int holds = lock.releaseFully();
        final LongWait longWait = new LongWait(lastLongWaitWarning);
        Outcome outcome;
        try
        {
            outcome = Waiting.await(events[slot], () -> status(buffer.getLongVolatile(offset)) != WAITING,
                () -> recover(slot, waiting, longWait), timeoutNanos, interruption, Waiting.Spin.SPIN_THEN_PARK) ?
                Outcome.SIGNALLED : Outcome.TIMED_OUT;
        }
        catch (final InterruptedException ex)
        {
            outcome = Outcome.INTERRUPTED;
        }
        if (outcome != Outcome.SIGNALLED && !buffer.compareAndSetLong(offset, waiting, 0))
        {
            // The cancelling CAS lost to a signal: this waiter was signalled (as j.u.c, the interrupt is kept).
            if (outcome == Outcome.INTERRUPTED)
            {
                Thread.currentThread().interrupt();
            }
            outcome = Outcome.SIGNALLED;
        }
        lock.reacquire(holds);
        if (outcome == Outcome.SIGNALLED)
        {
            // Volatile store, lock held: the slot is free for the next waiter (pairs with claimSlot's read).
            buffer.putLongVolatile(offset, 0);
        }
        return outcome;
    }

    /**
     * Claims a free slot for the calling thread, which holds the lock.
     *
     * @param ticket the next ticket, read by the caller (the ticket counter is written only by lock holders: the
     *               lock orders its plain accesses).
     */
    private int claimSlot(final int ticket)
    {
        final long stamp = lock.attachment().threadStamp();
        for (int pass = 0; pass < 2; pass++)
        {
            for (int i = 0; i < SLOTS; i++)
            {
                final int offset = slotOffset(i);
                final long state = buffer.getLongVolatile(offset + SLOT_STATE_OFFSET);
                if (status(state) == FREE || (pass == 1 && status(state) == WAITING &&
                    !processes.isAlive(buffer.getLongVolatile(offset + SLOT_OWNER_OFFSET))))
                {
                    // CAS: a free slot may be handed back by a cancelling waiter at any time, but claimed only here.
                    if (!buffer.compareAndSetLong(offset + SLOT_STATE_OFFSET, state, slotState(ticket, FREE)))
                    {
                        continue;
                    }
                    buffer.putLongVolatile(offset + SLOT_OWNER_OFFSET, stamp);
                    // Volatile store after the owner: a signaller or recoverer that sees WAITING sees the owner.
                    buffer.putLongVolatile(offset + SLOT_STATE_OFFSET, slotState(ticket, WAITING));
                    buffer.putInt(NEXT_TICKET_OFFSET, ticket + 1);
                    return i;
                }
            }
        }
        throw new IllegalStateException("condition '" + name + "' of " + lock.kindName() + " '" + lock.name() +
            "' already has " + SLOTS + " waiting threads, the most one condition holds");
    }

    /**
     * Marks the oldest waiting slot signalled (lock held, or from recovery); the caller wakes it.
     *
     * @param liveOnly skip slots whose owner's process is dead (recovery pays for the liveness checks).
     * @return the slot signalled, or -1 if none waits.
     */
    private int signalOldest(final boolean liveOnly)
    {
        for (int attempt = 0; attempt <= SLOTS; attempt++)
        {
            int oldest = -1;
            long oldestState = 0;
            for (int i = 0; i < SLOTS; i++)
            {
                final long state = buffer.getLongVolatile(slotOffset(i) + SLOT_STATE_OFFSET);
                if (status(state) == WAITING && (oldest < 0 || ticket(state) - ticket(oldestState) < 0) &&
                    (!liveOnly || processes.isAlive(buffer.getLongVolatile(slotOffset(i) + SLOT_OWNER_OFFSET))))
                {
                    oldest = i;
                    oldestState = state;
                }
            }
            if (oldest < 0)
            {
                return -1;
            }
            // CAS against the waiter's cancelling CAS: exactly one of the two wins; on a loss, look again.
            if (buffer.compareAndSetLong(slotOffset(oldest) + SLOT_STATE_OFFSET, oldestState,
                slotState(ticket(oldestState), SIGNALLED)))
            {
                return oldest;
            }
        }
        return -1;
    }

    /**
     * Runs in a waiter at most every {@link Waiting#LIVENESS_INTERVAL_NANOS}: wakes it if the lock's owner died
     * (so that it takes the lock over and re-checks its state), gives signals that dead waiters took to live
     * ones, and after 10 s logs one warning that the waiter still waits.
     *
     * @return true if this waiter is now signalled.
     */
    private boolean recover(final int slot, final long waiting, final LongWait longWait)
    {
        SyncEntry.warnOnceAfterLongWait(longWait, () -> "on condition '" + name + "' of " + lock.kindName() + " '" +
            lock.name() + "' for a signal; " + waiters() + " threads wait on it");
        final int own = slotOffset(slot) + SLOT_STATE_OFFSET;
        if (lock.isOwnerDead())
        {
            // A spurious wake-up, which Condition allows: the owner may have died before it could signal.
            return buffer.compareAndSetLong(own, waiting, slotState(ticket(waiting), SIGNALLED)) ||
                status(buffer.getLongVolatile(own)) == SIGNALLED;
        }
        for (int i = 0; i < SLOTS; i++)
        {
            final int offset = slotOffset(i) + SLOT_STATE_OFFSET;
            final long state = buffer.getLongVolatile(offset);
            if (status(state) == SIGNALLED && !processes.isAlive(buffer.getLongVolatile(slotOffset(i) +
                SLOT_OWNER_OFFSET)) && buffer.compareAndSetLong(offset, state, 0))
            {
                // The CAS freed a signal a dead waiter took: exactly one recoverer passes it on.
                buffer.getAndAddLong(REGRANTS_OFFSET, 1);
                final int granted = signalOldest(true);
                if (granted >= 0)
                {
                    // Not under the lock: wake at once.
                    events[granted].signal(1);
                }
            }
        }
        return status(buffer.getLongVolatile(own)) == SIGNALLED;
    }

    private void checkInterruptThenHeld() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        checkHeld();
    }

    private void checkHeld()
    {
        if (!lock.isHeldByCurrentThread())
        {
            throw new IllegalMonitorStateException("condition '" + name + "': " + lock.kindName() + " '" +
                lock.name() + "' is not held by the calling thread");
        }
    }

    @Override
    public String toString()
    {
        return "SharedCondition['" + name + "' of " + lock.kindName() + " '" + lock.name() + "', " + waiters() +
            " waiting]";
    }
}

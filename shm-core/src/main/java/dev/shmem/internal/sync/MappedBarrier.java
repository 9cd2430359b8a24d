package dev.shmem.internal.sync;

import dev.shmem.SharedBarrier;
import dev.shmem.internal.diag.Diagnostics;
import dev.shmem.internal.liveness.PermitLedger;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import java.lang.System.Logger.Level;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static dev.shmem.internal.sync.BarrierDescriptor.BROKEN_RING_ENTRIES;
import static dev.shmem.internal.sync.BarrierDescriptor.DEAD_BREAKS_OFFSET;
import static dev.shmem.internal.sync.BarrierDescriptor.EVENT_COUNT_OFFSET;
import static dev.shmem.internal.sync.BarrierDescriptor.PARTIES_OFFSET;
import static dev.shmem.internal.sync.BarrierDescriptor.STATE_OFFSET;
import static dev.shmem.internal.sync.BarrierDescriptor.arrived;
import static dev.shmem.internal.sync.BarrierDescriptor.generation;
import static dev.shmem.internal.sync.BarrierDescriptor.state;

/**
 * The mapped-file implementation of {@link SharedBarrier} (layout and protocol: {@link BarrierDescriptor}).
 *
 * <p>Memory consistency effects: every arrival is a CAS on the state word, so the arrivals of a generation form
 * one chain ending in the trip's CAS; a waiter's volatile read of the new generation pairs with that CAS, so every
 * party's actions before its {@code await} happen-before every party's return.
 */
public final class MappedBarrier extends SyncEntry implements SharedBarrier
{
    private static final System.Logger LOGGER = System.getLogger("dev.shmem");

    private final PermitLedger ledger;
    private final int parties;
    private final int ringOffset;

    /**
     * @param name       entry name.
     * @param buffer     the entry's buffer.
     * @param attachment this JVM's attachment.
     * @param sleeper    how waiters sleep.
     */
    public MappedBarrier(final String name, final AtomicBuffer buffer, final Attachment attachment,
        final Sleeper sleeper)
    {
        super("barrier", name, buffer, attachment, sleeper, EVENT_COUNT_OFFSET);
        this.ledger = new PermitLedger(buffer, attachment.region().processes(), attachment.processStamp());
        // Written once at creation and published with the entry (the directory's READY release store); checked,
        // since nothing read from the file is trusted.
        this.parties = buffer.getIntVolatile(PARTIES_OFFSET);
        if (parties < 1)
        {
            throw new dev.shmem.RegionCorruptException("region is corrupt: barrier '" + name + "' has " + parties +
                " parties, expected 1 or more");
        }
        this.ringOffset = BarrierDescriptor.brokenRingOffset(attachment.region().processes().slots());
    }

    @Override
    public int await() throws InterruptedException, BrokenBarrierException
    {
        try
        {
            return await(Waiting.NO_TIMEOUT);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("untimed barrier wait timed out", ex);
        }
    }

    @Override
    public int await(final long timeout, final TimeUnit unit)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        return await(Math.max(0, unit.toNanos(timeout)));
    }

    private int await(final long timeoutNanos) throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        checkOpen();
        // Counted before arriving, so that this thread's death from here on is seen by the others.
        if (ledger.add(1) > 0)
        {
            // A dead predecessor in this process slot was waiting here.
            breakByDeath();
        }
        try
        {
            return arriveAndWait(timeoutNanos);
        }
        finally
        {
            ledger.subtract(1);
        }
    }

    private int arriveAndWait(final long timeoutNanos)
        throws InterruptedException, BrokenBarrierException, TimeoutException
    {
        int generation;
        int index;
        while (true)
        {
            // Volatile read then CAS: the arrival CASes chain into the trip (see the class comment).
            final long state = buffer.getLongVolatile(STATE_OFFSET);
            generation = generation(state);
            if (BarrierDescriptor.isBroken(state))
            {
                throw new BrokenBarrierException();
            }
            if (Thread.interrupted())
            {
                breakGeneration(generation);
                throw new InterruptedException();
            }
            final int arrived = arrived(state);
            index = parties - 1 - arrived;
            if (index == 0)
            {
                if (buffer.compareAndSetLong(STATE_OFFSET, state, state(generation + 1, 0, false)))
                {
                    events.signal(Integer.MAX_VALUE);
                    return 0;
                }
            }
            else if (buffer.compareAndSetLong(STATE_OFFSET, state, state(generation, arrived + 1, false)))
            {
                break;
            }
        }
        final int waitingIn = generation;
        boolean interrupted = false;
        boolean timedOut = false;
        try
        {
            timedOut = !Waiting.await(events, () -> hasLeft(waitingIn), this::recoverDeadWaiters, timeoutNanos,
                Waiting.Interruption.THROW, Waiting.Spin.SPIN_THEN_PARK);
        }
        catch (final InterruptedException ex)
        {
            if (breakGeneration(waitingIn))
            {
                throw ex;
            }
            interrupted = true;
        }
        if (timedOut && breakGeneration(waitingIn))
        {
            throw new TimeoutException("barrier '" + name + "': " + parties + " parties not reached within the " +
                "timeout (" + getNumberWaitingIn(waitingIn) + " waiting)");
        }
        if (interrupted)
        {
            // As j.u.c: the generation ended before the interrupt could break it; keep the interrupt status.
            Thread.currentThread().interrupt();
        }
        return outcome(waitingIn, index);
    }

    /**
     * @return the arrival index if generation {@code g} tripped; throws if it broke.
     */
    private int outcome(final int g, final int index) throws BrokenBarrierException
    {
        final long state = buffer.getLongVolatile(STATE_OFFSET);
        if (generation(state) == g)
        {
            // Still our generation: it must be broken (hasLeft), or not yet ended (a broken check lost a race).
            throw new BrokenBarrierException();
        }
        // Volatile read: pairs with reset()'s volatile write of the ring before its advancing CAS.
        if (buffer.getIntVolatile(ringSlot(g)) == g + 1)
        {
            throw new BrokenBarrierException();
        }
        return index;
    }

    private boolean hasLeft(final int generation)
    {
        // Volatile read: pairs with the tripping, breaking and resetting CASes.
        final long state = buffer.getLongVolatile(STATE_OFFSET);
        return generation(state) != generation || BarrierDescriptor.isBroken(state);
    }

    /**
     * Breaks generation {@code g} if it is current and not broken.
     *
     * @return true if this call broke it.
     */
    private boolean breakGeneration(final int g)
    {
        while (true)
        {
            final long state = buffer.getLongVolatile(STATE_OFFSET);
            if (generation(state) != g || BarrierDescriptor.isBroken(state))
            {
                return false;
            }
            // CAS: excludes the trip of this generation (pairs with the arrivals' CAS).
            if (buffer.compareAndSetLong(STATE_OFFSET, state, state | BarrierDescriptor.BROKEN_BIT))
            {
                events.signal(Integer.MAX_VALUE);
                return true;
            }
        }
    }

    /**
     * Called while waiting, at most every {@link Waiting#LIVENESS_INTERVAL_NANOS}.
     */
    private boolean recoverDeadWaiters()
    {
        if (ledger.recoverDead() > 0)
        {
            breakByDeath();
        }
        return false;
    }

    private void breakByDeath()
    {
        final int g = generation(buffer.getLongVolatile(STATE_OFFSET));
        if (breakGeneration(g))
        {
            // Inspector counter: a plain increment would lose counts between breakers of different generations.
            buffer.getAndAddLong(DEAD_BREAKS_OFFSET, 1);
            LOGGER.log(Level.WARNING, "barrier '" + name + "' broken: a process died while waiting at it " +
                "(generation " + g + ")");
            // The ledger recovery does not tell which slot it emptied: the pid is reported as unknown (0).
            Diagnostics.barrierBroken(name, 0);
        }
    }

    @Override
    public void reset()
    {
        checkOpen();
        while (true)
        {
            final long state = buffer.getLongVolatile(STATE_OFFSET);
            final int g = generation(state);
            if (!BarrierDescriptor.isBroken(state))
            {
                breakGeneration(g);
                continue;
            }
            // Volatile write before the advancing CAS: a late waiter of g reads it after seeing a later generation.
            buffer.putIntVolatile(ringSlot(g), g + 1);
            if (buffer.compareAndSetLong(STATE_OFFSET, state, state(g + 1, 0, false)))
            {
                events.signal(Integer.MAX_VALUE);
                return;
            }
            if (generation(buffer.getLongVolatile(STATE_OFFSET)) != g)
            {
                // Another reset started the next generation.
                return;
            }
        }
    }

    @Override
    public boolean isBroken()
    {
        // Volatile read: pairs with the breaking CAS.
        return BarrierDescriptor.isBroken(buffer.getLongVolatile(STATE_OFFSET));
    }

    @Override
    public int getParties()
    {
        return parties;
    }

    @Override
    public int getNumberWaiting()
    {
        final long state = buffer.getLongVolatile(STATE_OFFSET);
        return BarrierDescriptor.isBroken(state) ? 0 : arrived(state);
    }

    /**
     * @return how many times a process dying at the barrier broke it (for inspectors and tests).
     */
    public long deadBreaks()
    {
        return buffer.getLongVolatile(DEAD_BREAKS_OFFSET);
    }

    private int getNumberWaitingIn(final int g)
    {
        final long state = buffer.getLongVolatile(STATE_OFFSET);
        return generation(state) == g ? arrived(state) : 0;
    }

    private int ringSlot(final int generation)
    {
        return ringOffset + (generation & (BROKEN_RING_ENTRIES - 1)) * Integer.BYTES;
    }

    @Override
    public String toString()
    {
        final long state = buffer.getLongVolatile(STATE_OFFSET);
        return "SharedBarrier['" + name + "', " + arrived(state) + "/" + parties + " waiting, generation " +
            generation(state) + (BarrierDescriptor.isBroken(state) ? ", broken]" : "]");
    }
}

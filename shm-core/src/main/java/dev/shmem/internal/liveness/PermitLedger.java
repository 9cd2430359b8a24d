package dev.shmem.internal.liveness;

import dev.shmem.internal.lock.SemaphoreDescriptor;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The per-process ledger of a semaphore (like System V's {@code SEM_UNDO}): one word per process slot holding the
 * slot generation of the process that owns the word (high 32 bits) and the permits that process holds (low 32
 * bits). Permits held by a process that is dead, or whose slot has been reclaimed, are returned by whoever CASes
 * its word to zero first, so they are returned exactly once.
 */
public final class PermitLedger
{
    private static final long COUNT_MASK = 0xFFFF_FFFFL;

    private final AtomicBuffer buffer;
    private final ProcessTable processes;
    private final int ownOffset;
    private final long ownGeneration;

    /**
     * @param buffer       the semaphore entry's buffer.
     * @param processes    the region's process table.
     * @param processStamp this process's stamp.
     */
    public PermitLedger(final AtomicBuffer buffer, final ProcessTable processes, final long processStamp)
    {
        this.buffer = buffer;
        this.processes = processes;
        this.ownOffset = SemaphoreDescriptor.ledgerOffset(ProcessTable.slotOf(processStamp));
        this.ownGeneration = ProcessTable.generationOf(processStamp);
    }

    /**
     * Records that this process took {@code permits}.
     *
     * @param permits permits just acquired.
     * @return permits left in this slot's word by a dead predecessor, which the caller must return to the
     * semaphore.
     */
    public int add(final int permits)
    {
        while (true)
        {
            // Volatile read and CAS: pair with the CAS of recoverDead() in other processes.
            final long word = buffer.getLongVolatile(ownOffset);
            final boolean own = (word >>> 32) == ownGeneration;
            final long held = own ? word & COUNT_MASK : 0;
            final int orphaned = own ? 0 : (int)(word & COUNT_MASK);
            final long updated = (ownGeneration << 32) | Math.min(COUNT_MASK, held + permits);
            if (buffer.compareAndSetLong(ownOffset, word, updated))
            {
                return orphaned;
            }
        }
    }

    /**
     * Records that this process gave back {@code permits} (never below zero: a process may release permits that
     * another process acquired).
     *
     * @param permits permits being released.
     * @return the permits actually removed from this process's word. They are not added back if the release is
     * then refused (see {@code MappedSemaphore.release}): another thread of this process may have released the
     * same permits meanwhile, and permits put back twice would be returned twice if this process died.
     */
    public int subtract(final int permits)
    {
        while (true)
        {
            final long word = buffer.getLongVolatile(ownOffset);
            if ((word >>> 32) != ownGeneration)
            {
                return 0;
            }
            final long held = word & COUNT_MASK;
            final long removed = Math.min(held, permits);
            if (removed == 0 || buffer.compareAndSetLong(ownOffset, word, word - removed))
            {
                return (int)removed;
            }
        }
    }

    /**
     * @return permits this process holds according to its ledger word.
     */
    public int heldByThisProcess()
    {
        final long word = buffer.getLongVolatile(ownOffset);
        return (word >>> 32) == ownGeneration ? (int)(word & COUNT_MASK) : 0;
    }

    /**
     * Zeroes the words of dead processes that still hold permits.
     *
     * @return the permits taken from them, which the caller must return to the semaphore.
     */
    public int recoverDead()
    {
        long recovered = 0;
        for (int slot = 0; slot < processes.slots(); slot++)
        {
            final int offset = SemaphoreDescriptor.ledgerOffset(slot);
            final long word = buffer.getLongVolatile(offset);
            final long held = word & COUNT_MASK;
            if (held == 0)
            {
                continue;
            }
            final int generation = (int)(word >>> 32);
            if (processes.isAlive(ProcessTable.processStamp(slot, generation)))
            {
                continue;
            }
            // CAS to an empty word: exactly one recoverer (or the slot's next owner, in add()) gets these permits.
            if (buffer.compareAndSetLong(offset, word, (long)generation << 32))
            {
                recovered += held;
            }
        }
        return (int)Math.min(Integer.MAX_VALUE, recovered);
    }

    /**
     * @param buffer a semaphore entry's buffer.
     * @param slot   a process slot.
     * @return permits recorded for that slot's word (for inspectors).
     */
    public static int heldAt(final AtomicBuffer buffer, final int slot)
    {
        return (int)(buffer.getLongVolatile(SemaphoreDescriptor.ledgerOffset(slot)) & COUNT_MASK);
    }
}

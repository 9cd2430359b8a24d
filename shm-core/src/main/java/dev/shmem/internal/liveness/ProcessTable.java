package dev.shmem.internal.liveness;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import static dev.shmem.internal.liveness.ProcessTableDescriptor.ATTACHED_AT_OFFSET;
import static dev.shmem.internal.liveness.ProcessTableDescriptor.GENERATION_OFFSET;
import static dev.shmem.internal.liveness.ProcessTableDescriptor.PID_OFFSET;
import static dev.shmem.internal.liveness.ProcessTableDescriptor.PREVIOUS_PID_OFFSET;
import static dev.shmem.internal.liveness.ProcessTableDescriptor.SLOT_LENGTH;
import static dev.shmem.internal.liveness.ProcessTableDescriptor.START_TIME_OFFSET;

/**
 * The region's table of attached processes and the stamps built on it.
 *
 * <p>A <em>process stamp</em> is {@code (slot + 1) << 48 | (generation & 0xFFFF) << 32}; a <em>thread stamp</em>
 * adds the low 32 bits of the thread id. A stamp is never 0. The process of a stamp is alive while its slot still
 * holds the same generation and the pid in the slot is a running process with the recorded start time.
 */
public final class ProcessTable
{
    private static final int SLOT_SHIFT = 48;
    private static final int GENERATION_SHIFT = 32;
    private static final long GENERATION_MASK = 0xFFFF;

    private final AtomicBuffer table;
    private final int slots;

    /**
     * @param region the region buffer.
     * @param tableOffset offset of the table.
     * @param slots number of slots.
     */
    public ProcessTable(final AtomicBuffer region, final long tableOffset, final int slots)
    {
        this.table = new UnsafeBuffer(region, (int)tableOffset, slots * SLOT_LENGTH);
        this.slots = slots;
    }

    public int slots()
    {
        return slots;
    }

    /**
     * Claims a slot for this process: the first free one, else the first whose process is dead. Free slots are
     * looked for first, with one read per slot; liveness (a {@code /proc} read per occupied slot) is checked only
     * when none is free.
     *
     * @return the process stamp of the claimed slot.
     * @throws IllegalStateException if every slot belongs to a live process, naming the {@code maxProcesses} option.
     */
    public long attach()
    {
        final long pid = ProcessLiveness.selfPid();
        for (int pass = 0; pass < 2; pass++)
        {
            for (int slot = 0; slot < slots; slot++)
            {
                final int base = ProcessTableDescriptor.slotOffset(slot);
                final long current = table.getLongVolatile(base + PID_OFFSET);
                final boolean claimable = pass == 0 ? current == 0 : current != 0 && !isSlotProcessAlive(slot);
                // CAS pairs with the CAS of any other claimer and with the detaching CAS to 0.
                if (claimable && table.compareAndSetLong(base + PID_OFFSET, current, pid))
                {
                    return claimed(slot, base, current);
                }
            }
        }
        throw new IllegalStateException("process table full: all " + slots + " slots are held by live processes " +
            "(raise SharedRegion.Builder.maxProcesses when creating the region); close regions that are no longer " +
            "used");
    }

    private long claimed(final int slot, final int base, final long displaced)
    {
        table.putLong(base + START_TIME_OFFSET, ProcessLiveness.selfStartTime());
        table.putLong(base + ATTACHED_AT_OFFSET, System.currentTimeMillis());
        if (displaced != 0)
        {
            // The displaced (dead) process: pidOf() of its stamp still names it.
            table.putLong(base + PREVIOUS_PID_OFFSET, displaced);
        }
        final int generation = (table.getIntVolatile(base + GENERATION_OFFSET) + 1) & (int)GENERATION_MASK;
        final int published = generation == 0 ? 1 : generation;
        // Release: publishes pid, start time and previous pid before the new generation; pairs with the acquire
        // load of the generation in isAlive() and pidOf().
        table.putIntRelease(base + GENERATION_OFFSET, published);
        return processStamp(slot, published);
    }

    /**
     * Releases the slot of a process stamp if this process still holds it.
     *
     * @param processStamp stamp returned by {@link #attach()}.
     */
    public void detach(final long processStamp)
    {
        final int slot = slotOf(processStamp);
        final int base = ProcessTableDescriptor.slotOffset(slot);
        if ((table.getIntVolatile(base + GENERATION_OFFSET) & GENERATION_MASK) == generationOf(processStamp))
        {
            // Plain: published to the next claimer's readers by its release store of the generation.
            table.putLong(base + PREVIOUS_PID_OFFSET, ProcessLiveness.selfPid());
            // Volatile CAS: everything this process wrote in the region happens-before a later claimer's CAS.
            table.compareAndSetLong(base + PID_OFFSET, ProcessLiveness.selfPid(), 0);
        }
    }

    /**
     * @param stamp a process or thread stamp read from the region.
     * @return true if the process of the stamp is still attached and running. A stamp whose slot is out of
     * range (a corrupt file) counts as dead.
     */
    public boolean isAlive(final long stamp)
    {
        final int slot = slotOf(stamp);
        if (slot < 0 || slot >= slots)
        {
            return false;
        }
        final int base = ProcessTableDescriptor.slotOffset(slot);
        // Acquire: pairs with the release store of the generation in attach(), so pid and start time read next
        // are at least those of this generation's claim.
        final int generation = table.getIntAcquire(base + GENERATION_OFFSET) & (int)GENERATION_MASK;
        if (generation != generationOf(stamp))
        {
            return false;
        }
        final long pid = table.getLongVolatile(base + PID_OFFSET);
        final long startTime = table.getLongVolatile(base + START_TIME_OFFSET);
        if ((table.getIntVolatile(base + GENERATION_OFFSET) & GENERATION_MASK) != generation)
        {
            return false;
        }
        return ProcessLiveness.isAlive(pid, startTime);
    }

    /**
     * @param stamp a process or thread stamp.
     * @return the pid of the process the stamp names: the slot's pid while the slot still holds the stamp's
     * generation, the pid it had one generation before if the slot has been claimed once since (the dead or
     * detached process the stamp named), else 0 (unknown: out of range, or reused more than once since).
     */
    public long pidOf(final long stamp)
    {
        final int slot = slotOf(stamp);
        if (slot < 0 || slot >= slots)
        {
            return 0;
        }
        final int base = ProcessTableDescriptor.slotOffset(slot);
        final int wanted = generationOf(stamp);
        for (int attempt = 0; attempt < 16; attempt++)
        {
            // Acquire: pairs with the release store of the generation in attach(), so the pid and previous pid
            // read next are at least those written with this generation.
            final int generation = table.getIntAcquire(base + GENERATION_OFFSET) & (int)GENERATION_MASK;
            final long pid;
            if (generation == wanted)
            {
                pid = table.getLongVolatile(base + PID_OFFSET);
            }
            else if (previousGeneration(generation) == wanted)
            {
                pid = table.getLongVolatile(base + PREVIOUS_PID_OFFSET);
            }
            else
            {
                return 0;
            }
            // Volatile re-read: a claim in between makes the pid read above belong to another generation.
            if ((table.getIntVolatile(base + GENERATION_OFFSET) & GENERATION_MASK) == generation)
            {
                return pid;
            }
        }
        return 0;
    }

    private static int previousGeneration(final int generation)
    {
        return generation <= 1 ? (int)GENERATION_MASK : generation - 1;
    }

    /**
     * @param stamp a process or thread stamp.
     * @return the pid of the slot's occupant if the stamp names its current generation, else 0 (the process the
     * stamp names has left; unlike {@link #pidOf}, no previous occupant is named).
     */
    public long currentPidOf(final long stamp)
    {
        final int slot = slotOf(stamp);
        return slot >= 0 && slot < slots && generationAt(slot) == generationOf(stamp) ? pidAt(slot) : 0;
    }

    /**
     * @param slot a slot index.
     * @return the pid recorded in that slot (0 when free).
     */
    public long pidAt(final int slot)
    {
        return table.getLongVolatile(ProcessTableDescriptor.slotOffset(slot) + PID_OFFSET);
    }

    /**
     * @param slot a slot index.
     * @return the generation of that slot's current (or last) occupant.
     */
    public int generationAt(final int slot)
    {
        return table.getIntVolatile(ProcessTableDescriptor.slotOffset(slot) + GENERATION_OFFSET) &
            (int)GENERATION_MASK;
    }

    /**
     * @param slot a slot index.
     * @return true if the slot's occupant is a live process.
     */
    public boolean isSlotProcessAlive(final int slot)
    {
        return isAlive(processStamp(slot, generationAt(slot)));
    }

    /**
     * @param slot slot index.
     * @param generation slot generation.
     * @return the process stamp.
     */
    public static long processStamp(final int slot, final int generation)
    {
        return ((long)(slot + 1) << SLOT_SHIFT) | ((generation & GENERATION_MASK) << GENERATION_SHIFT);
    }

    /**
     * @param processStamp the process part.
     * @param threadId a thread id.
     * @return the thread stamp.
     */
    public static long threadStamp(final long processStamp, final long threadId)
    {
        return processStamp | (threadId & 0xFFFF_FFFFL);
    }

    /**
     * @param stamp a process or thread stamp.
     * @return the slot index it names (may be out of range for a corrupt value).
     */
    public static int slotOf(final long stamp)
    {
        return (int)(stamp >>> SLOT_SHIFT) - 1;
    }

    /**
     * @param stamp a process or thread stamp.
     * @return the generation it names.
     */
    public static int generationOf(final long stamp)
    {
        return (int)((stamp >>> GENERATION_SHIFT) & GENERATION_MASK);
    }

    /**
     * @param stamp a process or thread stamp.
     * @return the process part of it.
     */
    public static long processPart(final long stamp)
    {
        return stamp & 0xFFFF_FFFF_0000_0000L;
    }
}

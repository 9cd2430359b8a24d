package dev.shmem.internal.sync;

import dev.shmem.internal.lock.SemaphoreDescriptor;
import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.wait.EventCountDescriptor;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a barrier entry ({@code SharedBarrier}): a state line, the per-process ledger of waiting threads (the
 * semaphore's ledger layout, so {@link dev.shmem.internal.liveness.PermitLedger} keeps it), and a ring that
 * remembers which recent generations ended broken.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-+-----------------------------+  0
 *  |  State: Generation (high 32)  |B|  Arrived (low 31 bits)      |
 *  +-------------------------------+-+-----------------------------+  8
 *  |            Parties            |  Wake Sequence (futex word)   |
 *  +-------------------------------+-------------------------------+ 16
 *  |            Waiters            |         Wake Pending          |
 *  +-------------------------------+-------------------------------+ 24
 *  |     Breaks by dead processes (8 bytes, for inspectors)        |
 *  +---------------------------------------------------------------+ 32
 *  |                      Reserved to 64                           |
 *  +---------------------------------------------------------------+ 64
 *  |  Ledger[0]: slot generation (high 32) | threads waiting (32)  |
 *  +---------------------------------------------------------------+ 72
 *  |                 Pad to 128 (a cache line per word)            |
 *  +---------------------------------------------------------------+ 128
 *  |  Ledger[1] ...                  one line per process slot     |
 *  +---------------------------------------------------------------+ 64 + 64 * slots
 *  |  Broken[0]: g + 1 if generation g (g mod 64 = 0) ended broken |
 *  +---------------------------------------------------------------+
 *  |  Broken[1] ... Broken[63]                  (4 bytes each)     |
 *  +---------------------------------------------------------------+ 64 + 64 * slots + 256
 * </pre>
 *
 * <p>{@code State} changes only by CAS: an arrival adds one to {@code Arrived}; the last arrival of generation
 * {@code g} CASes {@code (g, parties - 1, 0)} to {@code (g + 1, 0, 0)} (the trip); a break sets {@code B} in the
 * current generation; a reset breaks, writes {@code g + 1} into {@code Broken[g mod 64]}, then CASes
 * {@code (g, *, 1)} to {@code (g + 1, 0, 0)}. A waiter of generation {@code g} returns when the state's generation
 * is no longer {@code g} (tripped, unless {@code Broken[g mod 64] == g + 1}) or {@code B} is set (broken). Each
 * waiting thread is counted in its process's ledger word from before its arrival until it leaves; a waiter that
 * finds a dead process's non-zero word zeroes it (CAS) and breaks the barrier.
 */
public final class BarrierDescriptor
{
    public static final int STATE_OFFSET = 0;
    public static final int PARTIES_OFFSET = STATE_OFFSET + SIZE_OF_LONG;
    public static final int EVENT_COUNT_OFFSET = PARTIES_OFFSET + SIZE_OF_INT;
    public static final int DEAD_BREAKS_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.LENGTH;
    public static final int LEDGER_OFFSET = HeaderDescriptor.CACHE_LINE_LENGTH;
    public static final int LEDGER_ENTRY_LENGTH = HeaderDescriptor.CACHE_LINE_LENGTH;
    /** Generations whose broken ending a late waiter can still tell from a trip. */
    public static final int BROKEN_RING_ENTRIES = 64;

    /** Bit of the state word: the current generation is broken. */
    public static final long BROKEN_BIT = 1L << 31;
    /** Mask of the arrival count in the state word. */
    public static final long ARRIVED_MASK = BROKEN_BIT - 1;

    static
    {
        if (LEDGER_OFFSET != SemaphoreDescriptor.LEDGER_OFFSET ||
            LEDGER_ENTRY_LENGTH != SemaphoreDescriptor.LEDGER_ENTRY_LENGTH)
        {
            throw new AssertionError("the barrier ledger must have the semaphore ledger's layout");
        }
        if (DEAD_BREAKS_OFFSET % SIZE_OF_LONG != 0 || DEAD_BREAKS_OFFSET + SIZE_OF_LONG > LEDGER_OFFSET)
        {
            throw new AssertionError("barrier state line overflows");
        }
    }

    private BarrierDescriptor()
    {
    }

    /**
     * @param processSlots process slots of the region.
     * @return bytes of a barrier entry.
     */
    public static int length(final int processSlots)
    {
        return brokenRingOffset(processSlots) + BROKEN_RING_ENTRIES * SIZE_OF_INT;
    }

    /**
     * @param processSlots process slots of the region.
     * @return offset of {@code Broken[0]}.
     */
    public static int brokenRingOffset(final int processSlots)
    {
        return LEDGER_OFFSET + processSlots * LEDGER_ENTRY_LENGTH;
    }

    /**
     * @param state a state word.
     * @return its generation.
     */
    public static int generation(final long state)
    {
        return (int)(state >>> 32);
    }

    /**
     * @param state a state word.
     * @return parties that have arrived in its generation.
     */
    public static int arrived(final long state)
    {
        return (int)(state & ARRIVED_MASK);
    }

    /**
     * @param state a state word.
     * @return true if its generation is broken.
     */
    public static boolean isBroken(final long state)
    {
        return (state & BROKEN_BIT) != 0;
    }

    /**
     * @param generation generation.
     * @param arrived    arrivals.
     * @param broken     broken flag.
     * @return the state word.
     */
    public static long state(final int generation, final int arrived, final boolean broken)
    {
        return ((long)generation << 32) | (broken ? BROKEN_BIT : 0) | (arrived & ARRIVED_MASK);
    }
}

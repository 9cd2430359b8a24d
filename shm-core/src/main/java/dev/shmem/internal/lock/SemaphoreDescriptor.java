package dev.shmem.internal.lock;

import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.wait.EventCountDescriptor;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a semaphore entry: a counter line followed by the per-process ledger.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+  0
 *  |    Available Permits (CAS)    |   Initial (and bound) Permits |
 *  +-------------------------------+-------------------------------+  8
 *  |  Wake Sequence (futex word)   |            Waiters            |
 *  +-------------------------------+-------------------------------+ 16
 *  |         Wake Pending          |           Reserved            |
 *  +-------------------------------+-------------------------------+ 24
 *  |       Permits recovered from dead processes (8 bytes)         |
 *  +---------------------------------------------------------------+ 32
 *  |                      Reserved to 64                           |
 *  +---------------------------------------------------------------+ 64
 *  |  Ledger[0]: slot generation (high 32) | permits held (low 32) |
 *  +---------------------------------------------------------------+ 72
 *  |                 Pad to 128 (a cache line per word)            |
 *  +---------------------------------------------------------------+ 128
 *  |  Ledger[1] ...                  one line per process slot     |
 *  +---------------------------------------------------------------+ 64 + 64 * slots
 * </pre>
 *
 * <p>{@code Available Permits} changes only by CAS. A process adds what it acquires to its ledger word and
 * subtracts what it releases (never below zero); a ledger word whose generation is not the slot's current
 * occupant's belongs to a dead or detached process and its permits are returned by whoever CASes it to zero
 * first.
 */
public final class SemaphoreDescriptor
{
    public static final int PERMITS_OFFSET = 0;
    public static final int INITIAL_PERMITS_OFFSET = PERMITS_OFFSET + SIZE_OF_INT;
    public static final int EVENT_COUNT_OFFSET = INITIAL_PERMITS_OFFSET + SIZE_OF_INT;
    public static final int WAKE_SEQUENCE_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.SEQUENCE_OFFSET;
    public static final int WAITERS_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.WAITERS_OFFSET;
    public static final int WAKE_PENDING_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.PENDING_OFFSET;
    public static final int RECOVERED_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.LENGTH + SIZE_OF_INT;
    public static final int LEDGER_OFFSET = HeaderDescriptor.CACHE_LINE_LENGTH;
    /** Each process's ledger word on its own cache line: processes never false-share their bookkeeping. */
    public static final int LEDGER_ENTRY_LENGTH = HeaderDescriptor.CACHE_LINE_LENGTH;

    private SemaphoreDescriptor()
    {
    }

    /**
     * @param processSlots number of process slots of the region.
     * @return bytes of a semaphore entry.
     */
    public static int length(final int processSlots)
    {
        return LEDGER_OFFSET + processSlots * LEDGER_ENTRY_LENGTH;
    }

    /**
     * @param slot process slot index.
     * @return offset of that slot's ledger word within the entry.
     */
    public static int ledgerOffset(final int slot)
    {
        return LEDGER_OFFSET + slot * LEDGER_ENTRY_LENGTH;
    }
}

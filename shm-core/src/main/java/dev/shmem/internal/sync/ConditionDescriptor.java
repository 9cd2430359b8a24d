package dev.shmem.internal.sync;

import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.wait.EventCountDescriptor;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a condition entry (a {@code SharedCondition} of a lock): a header line and one waiter slot per thread
 * that may wait at once, each with its own event count, so that a signal wakes exactly the thread it chose.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+  0
 *  |  Next Ticket (lock holder)    |     Slots (at creation)       |
 *  +-------------------------------+-------------------------------+  8
 *  |     Signals re-granted after dead waiters (8 bytes)           |
 *  +---------------------------------------------------------------+ 16
 *  |                      Reserved to 64                           |
 *  +---------------------------------------------------------------+ 64
 *  |  Slot[0] State: ticket (high 32) | status (low 32)            |
 *  +---------------------------------------------------------------+ 72
 *  |  Slot[0] Owner: thread stamp of the waiter (8 bytes)          |
 *  +-------------------------------+-------------------------------+ 80
 *  |  Wake Sequence (futex word)   |            Waiters            |
 *  +-------------------------------+-------------------------------+ 88
 *  |         Wake Pending          |           Reserved            |
 *  +-------------------------------+-------------------------------+ 96
 *  |  Slot[1] ...                      32 bytes per slot           |
 *  +---------------------------------------------------------------+ 64 + 32 * SLOTS
 * </pre>
 *
 * <p>A slot's status is {@link #FREE}, {@link #WAITING} or {@link #SIGNALLED}. The lock holder claims a free slot
 * (owner first, then a volatile store of {@code (ticket, WAITING)}), so tickets give the order of waiters.
 * {@code signal} (lock held) CASes the oldest waiting slot to {@code SIGNALLED} and wakes its event count once the
 * signaller releases the lock ({@link DeferredWakes}); a waiter that times out or is interrupted CASes its slot
 * from {@code WAITING} to {@code FREE}, so exactly one of the two wins. A signalled waiter frees its slot once it holds the lock again; a signalled slot whose owner died is freed
 * by a live waiter, which grants the signal to the oldest live waiting slot.
 */
public final class ConditionDescriptor
{
    public static final int NEXT_TICKET_OFFSET = 0;
    public static final int SLOTS_FIELD_OFFSET = NEXT_TICKET_OFFSET + SIZE_OF_INT;
    public static final int REGRANTS_OFFSET = SLOTS_FIELD_OFFSET + SIZE_OF_INT;
    public static final int SLOTS_OFFSET = HeaderDescriptor.CACHE_LINE_LENGTH;
    public static final int SLOT_STATE_OFFSET = 0;
    public static final int SLOT_OWNER_OFFSET = SLOT_STATE_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_EVENT_COUNT_OFFSET = SLOT_OWNER_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_LENGTH = 32;
    /** Threads (of all processes together) that may wait on one condition at once. */
    public static final int SLOTS = 64;
    public static final int LENGTH = SLOTS_OFFSET + SLOTS * SLOT_LENGTH;

    /** Slot status: unused. */
    public static final int FREE = 0;
    /** Slot status: its owner waits for a signal. */
    public static final int WAITING = 1;
    /** Slot status: its owner was signalled and has not yet re-acquired the lock. */
    public static final int SIGNALLED = 2;

    static
    {
        if (SLOT_EVENT_COUNT_OFFSET + EventCountDescriptor.LENGTH > SLOT_LENGTH)
        {
            throw new AssertionError("condition slot overflows");
        }
    }

    private ConditionDescriptor()
    {
    }

    /**
     * @param buffer a buffer holding a condition entry.
     * @param base   the entry's offset in {@code buffer}.
     * @return slots in state WAITING now (volatile reads: pair with the waiters' CASes of their slot states).
     */
    public static int waiting(final org.agrona.concurrent.AtomicBuffer buffer, final int base)
    {
        int waiting = 0;
        for (int i = 0; i < SLOTS; i++)
        {
            if (status(buffer.getLongVolatile(base + slotOffset(i) + SLOT_STATE_OFFSET)) == WAITING)
            {
                waiting++;
            }
        }
        return waiting;
    }

    /**
     * @param slot slot index.
     * @return offset of that slot within the entry.
     */
    public static int slotOffset(final int slot)
    {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }

    /**
     * @param ticket ticket.
     * @param status status.
     * @return the slot state word.
     */
    public static long slotState(final int ticket, final int status)
    {
        return ((long)ticket << 32) | (status & 0xFFFF_FFFFL);
    }

    /**
     * @param state a slot state word.
     * @return its status.
     */
    public static int status(final long state)
    {
        return (int)state;
    }

    /**
     * @param state a slot state word.
     * @return its ticket.
     */
    public static int ticket(final long state)
    {
        return (int)(state >>> 32);
    }
}

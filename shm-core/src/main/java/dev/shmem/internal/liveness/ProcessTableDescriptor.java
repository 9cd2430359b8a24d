package dev.shmem.internal.liveness;

import dev.shmem.internal.region.HeaderDescriptor;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of one slot of the process table, which follows the header. One slot per attached process; the number
 * of slots ({@code maxProcesses}) is set at creation and recorded in the header.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |           Pid (8 bytes; 0 = free; CAS to claim)               |
 *  +---------------------------------------------------------------+  8
 *  |     Process Start Time, epoch ms (8 bytes; -1 = unknown)      |
 *  +-------------------------------+-------------------------------+ 16
 *  |   Generation (release store)  |           Reserved            |
 *  +-------------------------------+-------------------------------+ 24
 *  |                 Attached At, epoch ms (8 bytes)               |
 *  +---------------------------------------------------------------+ 32
 *  |     Previous Pid: the pid of the generation before (8 bytes)  |
 *  +---------------------------------------------------------------+ 40
 *  |                      Reserved to 64                           |
 *  +---------------------------------------------------------------+ 64
 * </pre>
 *
 * <p>A process claims a slot by CAS of {@code Pid} from 0 (or from the pid of a dead process) to its own pid,
 * writes its start time and, in {@code Previous Pid}, the pid it displaced (the dead process's; a detaching
 * process writes its own there before freeing the slot), then increments {@code Generation} with release
 * semantics. A reader that wants to know
 * whether the process of a stamp (slot, generation) is alive reads {@code Generation} with acquire semantics,
 * then pid and start time, then {@code Generation} again, like a seqlock.
 */
public final class ProcessTableDescriptor
{
    public static final int PID_OFFSET = 0;
    public static final int START_TIME_OFFSET = PID_OFFSET + SIZE_OF_LONG;
    public static final int GENERATION_OFFSET = START_TIME_OFFSET + SIZE_OF_LONG;
    public static final int RESERVED_OFFSET = GENERATION_OFFSET + SIZE_OF_INT;
    public static final int ATTACHED_AT_OFFSET = RESERVED_OFFSET + SIZE_OF_INT;
    public static final int PREVIOUS_PID_OFFSET = ATTACHED_AT_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_LENGTH = HeaderDescriptor.CACHE_LINE_LENGTH;

    private ProcessTableDescriptor()
    {
    }

    /**
     * @param slot slot index.
     * @return the offset of that slot relative to the start of the table.
     */
    public static int slotOffset(final int slot)
    {
        return slot * SLOT_LENGTH;
    }
}

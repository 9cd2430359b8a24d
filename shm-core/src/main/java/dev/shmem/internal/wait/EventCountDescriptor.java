package dev.shmem.internal.wait;

import static org.agrona.BitUtil.SIZE_OF_INT;

/**
 * Layout of an event count (see {@link EventCount}), 12 bytes embedded in a lock, semaphore or queue entry.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+ 0
 *  |                 Wake Sequence (the futex word)                |
 *  +---------------------------------------------------------------+ 4
 *  |              Waiters (registered sleepers, or about to)       |
 *  +---------------------------------------------------------------+ 8
 *  |  Wake Pending (1 while a woken waiter has not run yet)        |
 *  +---------------------------------------------------------------+ 12
 * </pre>
 */
public final class EventCountDescriptor
{
    public static final int SEQUENCE_OFFSET = 0;
    public static final int WAITERS_OFFSET = SEQUENCE_OFFSET + SIZE_OF_INT;
    public static final int PENDING_OFFSET = WAITERS_OFFSET + SIZE_OF_INT;
    public static final int LENGTH = PENDING_OFFSET + SIZE_OF_INT;

    private EventCountDescriptor()
    {
    }
}

package dev.shmem.internal.sync;

import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.wait.EventCountDescriptor;

import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of an event entry ({@code SharedEvent}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |  State (8 bytes): sets so far (bits 63..1) | set flag (bit 0) |
 *  +-------------------------------+-------------------------------+  8
 *  |  Wake Sequence (futex word)   |            Waiters            |
 *  +-------------------------------+-------------------------------+ 16
 *  |         Wake Pending          |        Reserved to 64         |
 *  +-------------------------------+-------------------------------+ 64
 * </pre>
 *
 * <p>{@code State} changes only by CAS: {@code set} turns a clear state {@code (n, 0)} into {@code (n + 1, 1)},
 * {@code clear} turns {@code (n, 1)} into {@code (n, 0)}. A waiter returns when the flag is set or the number of
 * sets differs from the one it read on entry, so a set followed at once by a clear still releases it (as Python's
 * {@code Event.wait}). The event count wakes the sleepers after a set.
 */
public final class EventDescriptor
{
    public static final int STATE_OFFSET = 0;
    public static final int EVENT_COUNT_OFFSET = STATE_OFFSET + SIZE_OF_LONG;
    public static final int LENGTH = HeaderDescriptor.CACHE_LINE_LENGTH;

    /** Bit 0 of the state: the flag. */
    public static final long SET_BIT = 1;
    /** The state's set counter counts in units of this. */
    public static final long SET_INCREMENT = 2;

    static
    {
        if (EVENT_COUNT_OFFSET + EventCountDescriptor.LENGTH > LENGTH)
        {
            throw new AssertionError("event layout overflows its line");
        }
    }

    private EventDescriptor()
    {
    }
}

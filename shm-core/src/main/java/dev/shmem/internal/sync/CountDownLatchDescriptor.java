package dev.shmem.internal.sync;

import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.wait.EventCountDescriptor;

import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a count-down latch entry ({@code SharedCountDownLatch}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |               Count (8 bytes, CAS, never below 0)             |
 *  +---------------------------------------------------------------+  8
 *  |           Initial Count (8 bytes, written at creation)        |
 *  +-------------------------------+-------------------------------+ 16
 *  |  Wake Sequence (futex word)   |            Waiters            |
 *  +-------------------------------+-------------------------------+ 24
 *  |         Wake Pending          |        Reserved to 64         |
 *  +-------------------------------+-------------------------------+ 64
 * </pre>
 *
 * <p>{@code countDown} CASes {@code Count} from {@code c > 0} to {@code c - 1}; the one that reaches 0 wakes every
 * sleeper of the event count. Waiters return once they read 0 (volatile).
 */
public final class CountDownLatchDescriptor
{
    public static final int COUNT_OFFSET = 0;
    public static final int INITIAL_COUNT_OFFSET = COUNT_OFFSET + SIZE_OF_LONG;
    public static final int EVENT_COUNT_OFFSET = INITIAL_COUNT_OFFSET + SIZE_OF_LONG;
    public static final int LENGTH = HeaderDescriptor.CACHE_LINE_LENGTH;

    static
    {
        if (EVENT_COUNT_OFFSET + EventCountDescriptor.LENGTH > LENGTH)
        {
            throw new AssertionError("latch layout overflows its line");
        }
    }

    private CountDownLatchDescriptor()
    {
    }
}

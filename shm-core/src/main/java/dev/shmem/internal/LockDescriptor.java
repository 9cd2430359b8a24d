package dev.shmem.internal;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a lock entry ({@code SharedLock} and {@code SharedReentrantLock}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |     Owner (8 bytes): 0 free, else the owner's thread stamp    |
 *  +-------------------------------+-------------------------------+  8
 *  |  Wake Sequence (futex word)   |            Waiters            |
 *  +-------------------------------+-------------------------------+ 16
 *  |          Hold Count           |  Flags (bit 0: INCONSISTENT)  |
 *  +-------------------------------+-------------------------------+ 24
 *  |            Takeovers after a dead owner (8 bytes)             |
 *  +---------------------------------------------------------------+ 32
 *  |               Pid of the last dead owner (8 bytes)            |
 *  +---------------------------------------------------------------+ 40
 *  |                      Reserved to 64                           |
 *  +---------------------------------------------------------------+ 64
 * </pre>
 *
 * <p>{@code Owner} is taken by CAS (0 to stamp) and released by a volatile store of 0, which pairs with the
 * acquiring CAS of the next owner. {@code Waiters} and {@code Wake Sequence} form an event count: a waiter
 * increments {@code Waiters}, reads the sequence, re-checks {@code Owner}, then sleeps on the sequence word; an
 * unlocker that sees {@code Waiters > 0} after its release increments the sequence and wakes one sleeper. Only
 * the owner writes {@code Hold Count}, {@code Flags}, {@code Takeovers} and the dead owner's pid.
 */
public final class LockDescriptor
{
    public static final int OWNER_OFFSET = 0;
    public static final int WAKE_SEQUENCE_OFFSET = OWNER_OFFSET + SIZE_OF_LONG;
    public static final int WAITERS_OFFSET = WAKE_SEQUENCE_OFFSET + SIZE_OF_INT;
    public static final int HOLD_COUNT_OFFSET = WAITERS_OFFSET + SIZE_OF_INT;
    public static final int FLAGS_OFFSET = HOLD_COUNT_OFFSET + SIZE_OF_INT;
    public static final int TAKEOVERS_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    public static final int DEAD_OWNER_PID_OFFSET = TAKEOVERS_OFFSET + SIZE_OF_LONG;
    public static final int LENGTH = HeaderDescriptor.CACHE_LINE_LENGTH;

    /** Flag bit: the previous owner died holding the lock and the new owner has not marked the data consistent. */
    public static final int FLAG_INCONSISTENT = 1;

    private LockDescriptor()
    {
    }
}

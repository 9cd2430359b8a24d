package dev.shmem.internal.lock;

import dev.shmem.SharedLock;
import dev.shmem.SharedReentrantLock;
import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.wait.EventCountDescriptor;

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
 *  |         Wake Pending          |  Flags (bit 0: INCONSISTENT)  |
 *  +-------------------------------+-------------------------------+ 24
 *  |          Hold Count           |           Reserved            |
 *  +-------------------------------+-------------------------------+ 32
 *  |            Takeovers after a dead owner (8 bytes)             |
 *  +---------------------------------------------------------------+ 40
 *  |               Pid of the last dead owner (8 bytes)            |
 *  +---------------------------------------------------------------+ 48
 *  |   Hand-off (8 bytes): 0, or the stamp of a starving waiter    |
 *  +---------------------------------------------------------------+ 56
 *  |                      Reserved to 64                           |
 *  +---------------------------------------------------------------+ 64
 * </pre>
 *
 * <p>{@code Owner} is taken by CAS (0 to stamp) and released by a volatile store of 0, which pairs with the
 * acquiring CAS of the next owner. Wake Sequence, Waiters and Wake Pending form an {@code EventCount}: a waiter
 * registers, re-checks {@code Owner}, then parks until its process's waker thread (asleep on the sequence word)
 * unparks it; an unlocker that sees waiters after its release increments the sequence ("wake one", or "wake all"
 * while {@code Hand-off} is set) and, unless a wake is pending, wakes the wakers. Only the owner writes
 * {@code Hold Count}, {@code Flags}, {@code Takeovers} and the dead owner's pid.
 *
 * <p>{@code Hand-off} bounds barging: acquirers may take a free lock ahead of parked waiters (as a non-fair
 * {@code ReentrantLock}), but a waiter that has waited {@code LockWord.BARGE_BOUND_NANOS} CASes its stamp into
 * {@code Hand-off} (from 0); while it is set only that waiter may take the free lock, and releases wake every
 * waiter so that it runs. It clears the word (CAS from its stamp) when it acquires or stops waiting; a waiter that
 * finds the word naming a dead process clears it.
 */
public final class LockDescriptor
{
    public static final int OWNER_OFFSET = 0;
    public static final int EVENT_COUNT_OFFSET = OWNER_OFFSET + SIZE_OF_LONG;
    public static final int WAKE_SEQUENCE_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.SEQUENCE_OFFSET;
    public static final int WAITERS_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.WAITERS_OFFSET;
    public static final int WAKE_PENDING_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.PENDING_OFFSET;
    public static final int FLAGS_OFFSET = EVENT_COUNT_OFFSET + EventCountDescriptor.LENGTH;
    public static final int HOLD_COUNT_OFFSET = FLAGS_OFFSET + SIZE_OF_INT;
    public static final int TAKEOVERS_OFFSET = HOLD_COUNT_OFFSET + 2 * SIZE_OF_INT;
    public static final int DEAD_OWNER_PID_OFFSET = TAKEOVERS_OFFSET + SIZE_OF_LONG;
    public static final int HANDOFF_OFFSET = DEAD_OWNER_PID_OFFSET + SIZE_OF_LONG;
    public static final int LENGTH = HeaderDescriptor.CACHE_LINE_LENGTH;

    /** Flag bit: the previous owner died holding the lock and the new owner has not marked the data consistent. */
    public static final int FLAG_INCONSISTENT = 1;

    private LockDescriptor()
    {
    }
}

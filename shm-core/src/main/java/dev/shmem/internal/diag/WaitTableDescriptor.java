package dev.shmem.internal.diag;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a wait table: one entry per process slot (named {@code shm:waits:<slot>}, created the first time a
 * thread of the slot's process blocks), in which each blocked thread records what it waits for, so that an
 * inspector can build the wait-for graph across processes and find deadlocks. Record 0 is the table header;
 * records 1 to {@link #RECORDS} are wait records.
 *
 * <pre>
 *  Header (record 0)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+   0
 *  |   Owner Process Stamp (8): slot and generation of the user    |
 *  +---------------------------------------------------------------+   8
 *  |                     Reserved (120 bytes)                      |
 *  +---------------------------------------------------------------+ 128
 *
 *  Wait record (records 1 to RECORDS)
 *  +---------------------------------------------------------------+   0
 *  |  State (8): 0 FREE, odd being written, even > 0 published     |
 *  +---------------------------------------------------------------+   8
 *  |        Waiter Thread Stamp (8, the lock-owner stamp form)     |
 *  +---------------------------------------------------------------+  16
 *  |          Waited Entry Data Offset (8, absolute in file)       |
 *  +---------------------------------------------------------------+  24
 *  |              Since (8, epoch milliseconds)                    |
 *  +-------------------------------+-------------------------------+  32
 *  |          Kind (1 lock)        |      Thread Name Length       |
 *  +-------------------------------+-------------------------------+  40
 *  |           Thread Name, UTF-8, truncated (88 bytes)            |
 *  +---------------------------------------------------------------+ 128
 * </pre>
 *
 * <p>Only threads of the owning process write a table. A thread claims a FREE record by CAS of {@code State} to an
 * odd value, writes the fields with plain stores, and publishes with a release store of an even {@code State};
 * it frees the record with a release store of 0. A reader loads {@code State} with acquire, reads the fields,
 * and re-reads {@code State} (acquire): the fields are trusted only if both loads saw the same even value
 * (a sequence lock). A process that takes over a slot (a new generation) resets the table before first use.
 */
public final class WaitTableDescriptor
{
    /** Bytes of the header and of each record. */
    public static final int RECORD_LENGTH = 128;
    /** Wait records per table: threads of one process that can be recorded waiting at once. */
    public static final int RECORDS = 63;
    /** Bytes of a whole table. */
    public static final int LENGTH = RECORD_LENGTH * (RECORDS + 1);

    public static final int OWNER_OFFSET = 0;

    public static final int STATE_OFFSET = 0;
    public static final int WAITER_OFFSET = STATE_OFFSET + SIZE_OF_LONG;
    public static final int ENTRY_OFFSET = WAITER_OFFSET + SIZE_OF_LONG;
    public static final int SINCE_OFFSET = ENTRY_OFFSET + SIZE_OF_LONG;
    public static final int KIND_OFFSET = SINCE_OFFSET + SIZE_OF_LONG;
    public static final int NAME_LENGTH_OFFSET = KIND_OFFSET + SIZE_OF_INT;
    public static final int NAME_OFFSET = NAME_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int MAX_NAME_BYTES = RECORD_LENGTH - NAME_OFFSET;

    /** Kind of a record: the thread waits for a lock (SharedLock or SharedReentrantLock). */
    public static final int KIND_LOCK = 1;

    /** Prefix of the wait tables' entry names; names starting {@code shm:} are reserved for the library. */
    public static final String NAME_PREFIX = "shm:waits:";

    private WaitTableDescriptor()
    {
    }

    /**
     * @param record 1 to {@link #RECORDS}.
     * @return the record's offset in the table.
     */
    public static int recordOffset(final int record)
    {
        return record * RECORD_LENGTH;
    }
}

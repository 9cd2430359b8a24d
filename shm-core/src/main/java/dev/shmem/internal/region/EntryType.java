package dev.shmem.internal.region;

import dev.shmem.internal.lock.LockDescriptor;
import dev.shmem.internal.sync.ConditionDescriptor;
import dev.shmem.internal.sync.CountDownLatchDescriptor;
import dev.shmem.internal.sync.EventDescriptor;

/**
 * The kinds of named entry a region holds, with the code stored in a directory record.
 */
public enum EntryType
{
    INT_VALUE(1, "int value", 4, false),
    LONG_VALUE(2, "long value", 8, false),
    DOUBLE_VALUE(3, "double value", 8, false),
    INT_ARRAY(4, "int array", 4, true),
    LONG_ARRAY(5, "long array", 8, true),
    DOUBLE_ARRAY(6, "double array", 8, true),
    LOCK(7, "lock", LockDescriptor.LENGTH, false),
    REENTRANT_LOCK(8, "reentrant lock", LockDescriptor.LENGTH, false),
    SEMAPHORE(9, "semaphore", 0, false),
    BOUNDED_SEMAPHORE(10, "bounded semaphore", 0, false),
    QUEUE(11, "queue", 0, false),
    EVENT(12, "event", EventDescriptor.LENGTH, false),
    BARRIER(13, "barrier", 0, false),
    COUNT_DOWN_LATCH(14, "count-down latch", CountDownLatchDescriptor.LENGTH, false),
    CONDITION(15, "condition", ConditionDescriptor.LENGTH, false),
    /** A process's wait table (dev.shmem.internal.diag.WaitTableDescriptor), for deadlock detection. */
    WAIT_TABLE(17, "wait table", dev.shmem.internal.diag.WaitTableDescriptor.RECORD_LENGTH, true),
    MAP(16, "map", 0, false);

    private static final EntryType[] BY_CODE = new EntryType[32];

    static
    {
        for (final EntryType type : values())
        {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final String displayName;
    private final int unitBytes;
    private final boolean array;

    EntryType(final int code, final String displayName, final int unitBytes, final boolean array)
    {
        this.code = code;
        this.displayName = displayName;
        this.unitBytes = unitBytes;
        this.array = array;
    }

    /**
     * @param code a type code read from a record.
     * @return the type, or null for an unknown code.
     */
    public static EntryType fromCode(final int code)
    {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    public int code()
    {
        return code;
    }

    public String displayName()
    {
        return displayName;
    }

    public boolean isArray()
    {
        return array;
    }

    /**
     * @return bytes per element for arrays, bytes of the entry for fixed-size entries, 0 for sized entries.
     */
    public int unitBytes()
    {
        return unitBytes;
    }

    /**
     * Describes an entry of this type with the given length, for messages.
     *
     * @param length the record's length field.
     * @return e.g. "long value", "int array of length 10", "semaphore of 4 permits".
     */
    public String describe(final long length)
    {
        switch (this)
        {
            case INT_ARRAY:
            case LONG_ARRAY:
            case DOUBLE_ARRAY:
                return displayName + " of length " + length;
            case SEMAPHORE:
            case BOUNDED_SEMAPHORE:
                return displayName + " of " + length + " permits";
            case QUEUE:
                return displayName + " of " + length + " slots";
            case BARRIER:
                return displayName + " of " + length + " parties";
            case COUNT_DOWN_LATCH:
                return displayName + " of initial count " + length;
            case MAP:
                return displayName + " of " + length + " entries";
            default:
                return displayName;
        }
    }
}

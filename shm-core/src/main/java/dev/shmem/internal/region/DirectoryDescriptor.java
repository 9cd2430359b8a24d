package dev.shmem.internal.region;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of one record of the named-entry directory: an open-addressing hash table of fixed-size records,
 * probed linearly from {@code hash(name) & (slots - 1)}.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+   0
 *  |  State (8 bytes): 0 FREE, -1 READY, else claimer's stamp      |
 *  +-------------------------------+-------------------------------+   8
 *  |          Entry Type           |          Name Length          |
 *  +-------------------------------+-------------------------------+  16
 *  |                 Data Offset (8 bytes, absolute)               |
 *  +---------------------------------------------------------------+  24
 *  |          Length (8 bytes: elements, slots or permits)         |
 *  +---------------------------------------------------------------+  32
 *  |             Parameter (8 bytes, type specific)                |
 *  +---------------------------------------------------------------+  40
 *  |                   Data Bytes (8 bytes)                        |
 *  +-------------------------------+-------------------------------+  48
 *  |           Name Hash           |           Reserved            |
 *  +-------------------------------+-------------------------------+  56
 *  |                      Reserved (8 bytes)                       |
 *  +---------------------------------------------------------------+  64
 *  |                 Name, UTF-8 (up to 127 bytes)                 |
 *  |                              ...                              |
 *  +---------------------------------------------------------------+ 192
 * </pre>
 *
 * <p>A creator claims a FREE record by CAS of {@code State} to its process stamp, writes the name and the entry,
 * allocates and initialises the data, then stores {@code State = READY} with release semantics. A reader loads
 * {@code State} with acquire semantics and trusts the record only when it is READY.
 */
public final class DirectoryDescriptor
{
    public static final long STATE_FREE = 0;
    public static final long STATE_READY = -1;

    public static final int STATE_OFFSET = 0;
    public static final int TYPE_OFFSET = STATE_OFFSET + SIZE_OF_LONG;
    public static final int NAME_LENGTH_OFFSET = TYPE_OFFSET + SIZE_OF_INT;
    public static final int DATA_OFFSET_OFFSET = NAME_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int LENGTH_OFFSET = DATA_OFFSET_OFFSET + SIZE_OF_LONG;
    public static final int PARAMETER_OFFSET = LENGTH_OFFSET + SIZE_OF_LONG;
    public static final int DATA_BYTES_OFFSET = PARAMETER_OFFSET + SIZE_OF_LONG;
    public static final int NAME_HASH_OFFSET = DATA_BYTES_OFFSET + SIZE_OF_LONG;
    public static final int NAME_OFFSET = 64;
    public static final int MAX_NAME_LENGTH = 127;
    public static final int RECORD_LENGTH = NAME_OFFSET + MAX_NAME_LENGTH + 1;

    public static final int MIN_SLOTS = 64;
    public static final int MAX_SLOTS = 4096;

    private DirectoryDescriptor()
    {
    }

    /**
     * @param capacity region capacity in bytes.
     * @return the number of directory records a region of that capacity has: one per 4 KiB, rounded down to a
     * power of two, between {@link #MIN_SLOTS} and {@link #MAX_SLOTS}.
     */
    public static int slotsFor(final long capacity)
    {
        final long perFourK = Math.max(1, capacity / 4096);
        final long pow2 = Long.highestOneBit(perFourK);
        return (int)Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, pow2));
    }

    /**
     * @param slot record index.
     * @return the offset of that record relative to the start of the directory.
     */
    public static int recordOffset(final int slot)
    {
        return slot * RECORD_LENGTH;
    }
}

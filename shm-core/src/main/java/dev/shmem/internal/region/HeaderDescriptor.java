package dev.shmem.internal.region;

import java.nio.ByteOrder;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of the region header at offset 0 of every region file (format version 2). All fields are in native
 * byte order.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+  0
 *  |                        Magic (8 bytes)                        |
 *  +-------------------------------+-------------------------------+  8
 *  |        Format Version         |            Layout             |
 *  +-------------------------------+-------------------------------+ 16
 *  |                      Capacity (8 bytes)                       |
 *  +-------------------------------+-------------------------------+ 24
 *  |   State (INITIALISING/READY)  |  Process Slots (maxProcesses) |
 *  +-------------------------------+-------------------------------+ 32
 *  |                 Process Table Offset (8 bytes)                |
 *  +---------------------------------------------------------------+ 40
 *  |                 Directory Index Offset (8 bytes)              |
 *  +-------------------------------+-------------------------------+ 48
 *  |          Index Slots          |   Max Entries (records)       |
 *  +-------------------------------+-------------------------------+ 56
 *  |                     Data Offset (8 bytes)                     |
 *  +---------------------------------------------------------------+ 64
 *  |          Allocation Pointer (8 bytes, CAS, own line)          |
 *  +---------------------------------------------------------------+ 72
 *  |                     Creator Pid (8 bytes)                     |
 *  +---------------------------------------------------------------+ 80
 *  |                 Created At, epoch ms (8 bytes)                |
 *  +---------------------------------------------------------------+ 88
 *  |                Directory Records Offset (8 bytes)             |
 *  +-------------------------------+-------------------------------+ 96
 *  |    Records Used (CAS)         |           Reserved            |
 *  +-------------------------------+-------------------------------+ 104
 *  |                      Reserved to 128                          |
 *  +---------------------------------------------------------------+ 128
 * </pre>
 *
 * <p>The creator writes every field, then writes {@code State = READY} with release semantics; an opener reads
 * the state with acquire semantics before trusting any other field. See {@code docs/FORMAT.md}.
 */
public final class HeaderDescriptor
{
    /** "SHMREGN1" read as a little-endian long; a big-endian file shows the byte-reversed value. */
    public static final long MAGIC = 0x314E_4745_524D_4853L;
    /** Version 2: directory and process table sized at creation (version 1 had 128 processes, 4096 entries). */
    public static final int FORMAT_VERSION = 2;
    public static final int CACHE_LINE_LENGTH = 64;
    /** Byte order code stored in the layout word: 1 little-endian, 2 big-endian. */
    public static final int BYTE_ORDER_LITTLE_ENDIAN = 1;
    public static final int BYTE_ORDER_BIG_ENDIAN = 2;

    /** Zero-filled state: the creator has not started writing the header. */
    public static final int STATE_UNSET = 0;
    public static final int STATE_INITIALISING = 1;
    public static final int STATE_READY = 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int FORMAT_VERSION_OFFSET = MAGIC_OFFSET + SIZE_OF_LONG;
    public static final int LAYOUT_OFFSET = FORMAT_VERSION_OFFSET + SIZE_OF_INT;
    public static final int CAPACITY_OFFSET = LAYOUT_OFFSET + SIZE_OF_INT;
    public static final int STATE_OFFSET = CAPACITY_OFFSET + SIZE_OF_LONG;
    public static final int PROCESS_SLOTS_OFFSET = STATE_OFFSET + SIZE_OF_INT;
    public static final int PROCESS_TABLE_OFFSET_OFFSET = PROCESS_SLOTS_OFFSET + SIZE_OF_INT;
    public static final int INDEX_OFFSET_OFFSET = PROCESS_TABLE_OFFSET_OFFSET + SIZE_OF_LONG;
    public static final int INDEX_SLOTS_OFFSET = INDEX_OFFSET_OFFSET + SIZE_OF_LONG;
    public static final int MAX_ENTRIES_OFFSET = INDEX_SLOTS_OFFSET + SIZE_OF_INT;
    public static final int DATA_OFFSET_OFFSET = MAX_ENTRIES_OFFSET + SIZE_OF_INT;
    public static final int ALLOC_POINTER_OFFSET = DATA_OFFSET_OFFSET + SIZE_OF_LONG;
    public static final int CREATOR_PID_OFFSET = ALLOC_POINTER_OFFSET + SIZE_OF_LONG;
    public static final int CREATED_AT_OFFSET = CREATOR_PID_OFFSET + SIZE_OF_LONG;
    public static final int RECORDS_OFFSET_OFFSET = CREATED_AT_OFFSET + SIZE_OF_LONG;
    public static final int RECORDS_USED_OFFSET = RECORDS_OFFSET_OFFSET + SIZE_OF_LONG;
    public static final int HEADER_LENGTH = 2 * CACHE_LINE_LENGTH;

    private HeaderDescriptor()
    {
    }

    /**
     * @return the layout word this JVM writes and expects: cache line length in the low 16 bits, the byte order
     * code in bits 16 to 23.
     */
    public static int nativeLayout()
    {
        final int order = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ?
            BYTE_ORDER_LITTLE_ENDIAN : BYTE_ORDER_BIG_ENDIAN;
        return CACHE_LINE_LENGTH | (order << 16);
    }

    /**
     * @param state a state word value.
     * @return its name for messages.
     */
    public static String stateName(final int state)
    {
        switch (state)
        {
            case STATE_UNSET:
                return "UNSET";
            case STATE_INITIALISING:
                return "INITIALISING";
            case STATE_READY:
                return "READY";
            default:
                return "unknown(" + state + ")";
        }
    }
}

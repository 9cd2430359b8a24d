package dev.shmem.internal.map;

import dev.shmem.internal.lock.LockDescriptor;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of a map entry ({@code SharedMap}): a header, {@code S} segment headers, {@code S x B} bucket heads and
 * {@code maxEntries + S} entry slots (one spare per segment), all sizes derived from {@code maxEntries} and
 * {@code maxEntryBytes} (the directory record's length and parameter).
 *
 * <pre>
 * Map header (256 bytes)
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+   0
 *  |          Max Entries          |        Max Entry Bytes        |
 *  +-------------------------------+-------------------------------+   8
 *  |           Segments            |      Buckets per Segment      |
 *  +-------------------------------+-------------------------------+  16
 *  |          Slot Stride          |         Total Slots           |
 *  +-------------------------------+-------------------------------+  24
 *  |       Key Type Name Length    |     Value Type Name Length    |
 *  +-------------------------------+-------------------------------+  32
 *  |     Key Type Name, UTF-8 (up to 112 bytes)                    |
 *  +---------------------------------------------------------------+ 144
 *  |     Value Type Name, UTF-8 (up to 112 bytes)                  |
 *  +---------------------------------------------------------------+ 256
 *
 * Segment header (128 bytes), S of them from 256
 *  +---------------------------------------------------------------+   0
 *  |     Lock word (LockDescriptor, 64 bytes: owner stamp ...)     |
 *  +---------------------------------------------------------------+  64
 *  |     Version (8 bytes): odd while a writer changes the segment |
 *  +-------------------------------+-------------------------------+  72
 *  |            Count              |          Spare Slot           |
 *  +-------------------------------+-------------------------------+  80
 *  |          Redo Op              |           Redo Slot           |
 *  +-------------------------------+-------------------------------+  88
 *  |        Redo Old Slot          |           Redo Link           |
 *  +-------------------------------+-------------------------------+  96
 *  |                    Reserved to 128                            |
 *  +---------------------------------------------------------------+ 128
 *
 * Bucket heads: S x B ints (slot index of the chain's first entry, -1 empty), from 256 + 128 S
 *
 * Entry slot (Slot Stride = align8(24 + Max Entry Bytes) bytes), Total Slots of them, 8-aligned
 *  +-------------------------------+-------------------------------+   0
 *  |  State: 0 free, else segment+1|   Next slot in chain (-1 end) |
 *  +-------------------------------+-------------------------------+   8
 *  |                  Key Hash (8 bytes)                           |
 *  +-------------------------------+-------------------------------+  16
 *  |          Key Length           |          Value Length         |
 *  +-------------------------------+-------------------------------+  24
 *  |     Key bytes then value bytes (up to Max Entry Bytes)        |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>A slot's {@code State} is claimed by CAS from 0 to {@code segment + 1} by the holder of that segment's lock,
 * so a slot belongs to at most one segment. The redo record ({@code Redo Op} and its three operands) is written
 * before the one 4-byte store that makes a change visible ({@code Redo Link}: {@code >= 0} the {@code Next} field
 * of that slot, {@code < 0} bucket head {@code -1 - link}), so the next lock holder can finish or discard the
 * change; see {@code docs/FORMAT.md}.
 */
public final class MapDescriptor
{
    public static final int MAX_ENTRIES_OFFSET = 0;
    public static final int MAX_ENTRY_BYTES_OFFSET = MAX_ENTRIES_OFFSET + SIZE_OF_INT;
    public static final int SEGMENTS_OFFSET = MAX_ENTRY_BYTES_OFFSET + SIZE_OF_INT;
    public static final int BUCKETS_PER_SEGMENT_OFFSET = SEGMENTS_OFFSET + SIZE_OF_INT;
    public static final int SLOT_STRIDE_OFFSET = BUCKETS_PER_SEGMENT_OFFSET + SIZE_OF_INT;
    public static final int TOTAL_SLOTS_OFFSET = SLOT_STRIDE_OFFSET + SIZE_OF_INT;
    public static final int KEY_TYPE_LENGTH_OFFSET = TOTAL_SLOTS_OFFSET + SIZE_OF_INT;
    public static final int VALUE_TYPE_LENGTH_OFFSET = KEY_TYPE_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int KEY_TYPE_OFFSET = VALUE_TYPE_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int MAX_TYPE_NAME_BYTES = 112;
    public static final int VALUE_TYPE_OFFSET = KEY_TYPE_OFFSET + MAX_TYPE_NAME_BYTES;
    public static final int HEADER_LENGTH = VALUE_TYPE_OFFSET + MAX_TYPE_NAME_BYTES;

    public static final int SEGMENT_LOCK_OFFSET = 0;
    public static final int SEGMENT_VERSION_OFFSET = SEGMENT_LOCK_OFFSET + LockDescriptor.LENGTH;
    public static final int SEGMENT_COUNT_OFFSET = SEGMENT_VERSION_OFFSET + SIZE_OF_LONG;
    public static final int SEGMENT_SPARE_OFFSET = SEGMENT_COUNT_OFFSET + SIZE_OF_INT;
    public static final int REDO_OP_OFFSET = SEGMENT_SPARE_OFFSET + SIZE_OF_INT;
    public static final int REDO_SLOT_OFFSET = REDO_OP_OFFSET + SIZE_OF_INT;
    public static final int REDO_OLD_SLOT_OFFSET = REDO_SLOT_OFFSET + SIZE_OF_INT;
    public static final int REDO_LINK_OFFSET = REDO_OLD_SLOT_OFFSET + SIZE_OF_INT;
    public static final int SEGMENT_LENGTH = 128;

    public static final int SLOT_STATE_OFFSET = 0;
    public static final int SLOT_NEXT_OFFSET = SLOT_STATE_OFFSET + SIZE_OF_INT;
    public static final int SLOT_HASH_OFFSET = SLOT_NEXT_OFFSET + SIZE_OF_INT;
    public static final int SLOT_KEY_LENGTH_OFFSET = SLOT_HASH_OFFSET + SIZE_OF_LONG;
    public static final int SLOT_VALUE_LENGTH_OFFSET = SLOT_KEY_LENGTH_OFFSET + SIZE_OF_INT;
    public static final int SLOT_DATA_OFFSET = SLOT_VALUE_LENGTH_OFFSET + SIZE_OF_INT;

    /** End of a chain, empty bucket, no slot. */
    public static final int NIL = -1;
    /** Slot state of a free slot. */
    public static final int SLOT_FREE = 0;

    /** Redo op: nothing in progress. */
    public static final int OP_NONE = 0;
    /** Redo op: link new slot {@code Redo Slot} at {@code Redo Link} (insert of a new key). */
    public static final int OP_INSERT = 1;
    /** Redo op: link the spare {@code Redo Slot} in place of {@code Redo Old Slot} at {@code Redo Link}. */
    public static final int OP_REPLACE = 2;
    /** Redo op: unlink {@code Redo Old Slot} at {@code Redo Link} and free it. */
    public static final int OP_REMOVE = 3;

    public static final int MAX_ENTRIES = 1 << 24;
    public static final int MAX_ENTRY_BYTES = 1 << 20;
    public static final int MAX_SEGMENTS = 256;
    /** Entries per segment the segment count aims for. */
    public static final int ENTRIES_PER_SEGMENT = 32;

    private MapDescriptor()
    {
    }

    /**
     * @param maxEntries most entries.
     * @return the number of segments: a power of two, about one per 32 entries, 1 to 256.
     */
    public static int segments(final int maxEntries)
    {
        final int wanted = Math.max(1, maxEntries / ENTRIES_PER_SEGMENT);
        return Math.min(MAX_SEGMENTS, Integer.highestOneBit(wanted));
    }

    /**
     * @param maxEntries most entries.
     * @return buckets per segment: a power of two so that all buckets are at least {@code maxEntries}.
     */
    public static int bucketsPerSegment(final int maxEntries)
    {
        final int segments = segments(maxEntries);
        final int perSegment = (maxEntries + segments - 1) / segments;
        return perSegment <= 1 ? 1 : Integer.highestOneBit(perSegment - 1) << 1;
    }

    /**
     * @param maxEntryBytes most bytes of key plus value.
     * @return bytes of one entry slot.
     */
    public static int slotStride(final int maxEntryBytes)
    {
        return (SLOT_DATA_OFFSET + maxEntryBytes + 7) & ~7;
    }

    /**
     * @param maxEntries most entries.
     * @return slots: one per entry and one spare per segment.
     */
    public static int totalSlots(final int maxEntries)
    {
        return maxEntries + segments(maxEntries);
    }

    /**
     * @param segment segment index.
     * @return offset of that segment's header.
     */
    public static int segmentOffset(final int segment)
    {
        return HEADER_LENGTH + segment * SEGMENT_LENGTH;
    }

    /**
     * @param maxEntries most entries.
     * @return offset of bucket head 0.
     */
    public static int bucketsOffset(final int maxEntries)
    {
        return segmentOffset(segments(maxEntries));
    }

    /**
     * @param maxEntries most entries.
     * @return offset of slot 0 (8-aligned).
     */
    public static long slotsOffset(final int maxEntries)
    {
        final long buckets = (long)segments(maxEntries) * bucketsPerSegment(maxEntries);
        return (bucketsOffset(maxEntries) + buckets * SIZE_OF_INT + 7) & ~7L;
    }

    /**
     * @param maxEntries    most entries (1 to {@link #MAX_ENTRIES}).
     * @param maxEntryBytes most bytes of key plus value (1 to {@link #MAX_ENTRY_BYTES}).
     * @return bytes of the whole entry (may exceed what an int holds; the caller checks against the region).
     */
    public static long length(final long maxEntries, final long maxEntryBytes)
    {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES || maxEntryBytes < 1 || maxEntryBytes > MAX_ENTRY_BYTES)
        {
            return -1;
        }
        final int entries = (int)maxEntries;
        return slotsOffset(entries) + (long)totalSlots(entries) * slotStride((int)maxEntryBytes);
    }
}

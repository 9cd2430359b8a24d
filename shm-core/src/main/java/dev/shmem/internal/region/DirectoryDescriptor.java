package dev.shmem.internal.region;

import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_LONG;

/**
 * Layout of the named-entry directory: a hash <em>index</em> of 8-byte words, probed linearly from
 * {@code hash(name) & (indexSlots - 1)}, whose words point into a dense array of fixed-size <em>records</em>
 * handed out in order by the header's {@code Records Used} counter. The index has at least twice as many words as
 * there are records, so it is never more than half full and a lookup probes about 1.5 words at any fill.
 *
 * <p>An index word is 0 (FREE), a claimer's process stamp (low 32 bits 0: being created), or
 * {@code nameHash << 32 | (record + 1)} (published; low 32 bits never 0).
 *
 * <p>One record:
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
 * <p>A creator claims a FREE index word by CAS to its process stamp, takes the next record (CAS on
 * {@code Records Used}), allocates the data, writes the record and the entry's initial data, stores the record's
 * {@code State = READY} with release semantics, then the published index word with release semantics. A reader
 * loads the index word with acquire semantics and trusts the record it points to only once it is published.
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

    public static final int INDEX_WORD_LENGTH = SIZE_OF_LONG;
    public static final long INDEX_FREE = 0;
    /** Low 32 bits of an index word: record + 1 when published, 0 while claimed. */
    public static final long INDEX_RECORD_MASK = 0xFFFF_FFFFL;
    public static final int INDEX_HASH_SHIFT = 32;

    private DirectoryDescriptor()
    {
    }

    /**
     * @param maxEntries directory records.
     * @return index words for that many records: the power of two at least twice as many.
     */
    public static int indexSlotsFor(final int maxEntries)
    {
        return Integer.highestOneBit(Math.max(1, 2 * maxEntries - 1)) << 1;
    }

    /**
     * @param word an index word.
     * @return true if it points to a record (low 32 bits non-zero).
     */
    public static boolean isPublished(final long word)
    {
        return (word & INDEX_RECORD_MASK) != 0;
    }

    /**
     * @param hash   name hash.
     * @param record record index.
     * @return the published index word.
     */
    public static long publishedWord(final int hash, final int record)
    {
        return ((long)hash << INDEX_HASH_SHIFT) | (record + 1L);
    }

    /**
     * @param word a published index word.
     * @return the record it points to (may be out of range for a corrupt word).
     */
    public static long recordOf(final long word)
    {
        return (word & INDEX_RECORD_MASK) - 1;
    }

    /**
     * @param word a published index word.
     * @return the name hash it carries.
     */
    public static int hashOf(final long word)
    {
        return (int)(word >>> INDEX_HASH_SHIFT);
    }

    /**
     * @param record record index.
     * @return the offset of that record relative to the start of the records.
     */
    public static long recordOffset(final int record)
    {
        return (long)record * RECORD_LENGTH;
    }
}

package dev.shmem.internal.region;

import dev.shmem.RegionCorruptException;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

import static dev.shmem.internal.region.DirectoryDescriptor.DATA_BYTES_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.INDEX_WORD_LENGTH;
import static dev.shmem.internal.region.DirectoryDescriptor.NAME_HASH_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.STATE_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.STATE_READY;
import static dev.shmem.internal.region.DirectoryDescriptor.hashOf;
import static dev.shmem.internal.region.DirectoryDescriptor.isPublished;

/**
 * The whole-directory check that open makes before trusting a file: every published index word points to a
 * distinct READY record carrying the same hash; every READY record's fields, name hash and data range are right;
 * every data range lies inside [data offset, allocation pointer) and no two overlap. Costs one pass over the
 * index, one over the used records and a sort of their offsets. Reads only.
 */
final class DirectoryCheck
{
    /** At most this many offending records are named in one message. */
    private static final int MAX_NAMED = 5;

    private final AtomicBuffer region;
    private final RegionLayout layout;
    private final Directory directory;
    private final int indexBase;

    DirectoryCheck(final AtomicBuffer region, final RegionLayout layout, final Directory directory)
    {
        this.region = region;
        this.layout = layout;
        this.directory = directory;
        this.indexBase = (int)layout.indexOffset();
    }

    /**
     * Runs the check.
     *
     * @throws RegionCorruptException naming the records that cannot be right.
     */
    void run()
    {
        // 1. The index first: every record a word points to was reserved and made READY before the word was
        //    published, so the counts read afterwards cover it.
        final BitSet referenced = new BitSet();
        final int indexWords = layout.indexSlots();
        for (int i = 0; i < indexWords; i++)
        {
            // Acquire: pairs with the release store of the published word in create().
            final long word = region.getLongAcquire(indexBase + i * INDEX_WORD_LENGTH);
            if (isPublished(word))
            {
                final int record = directory.checkedRecord(word, indexBase + i * INDEX_WORD_LENGTH);
                if (referenced.get(record))
                {
                    throw new RegionCorruptException("region is corrupt: directory index word " + i +
                        " points to record " + record + ", which another index word points to");
                }
                referenced.set(record);
            }
        }
        // 2. The records.
        final int used = directory.recordsUsed();
        if (referenced.length() > used)
        {
            throw new RegionCorruptException("region is corrupt: a directory index word points to record " +
                (referenced.length() - 1) + ", but only " + used + " records are used");
        }
        final long[] byOffset = new long[used];
        final long[] ends = new long[used];
        final String[] names = new String[used];
        int ready = 0;
        for (int record = 0; record < used; record++)
        {
            // Acquire: pairs with the release store of READY in create().
            final boolean isReady = region.getLongAcquire(directory.recordOffset(record) + STATE_OFFSET) == STATE_READY;
            if (!isReady)
            {
                if (referenced.get(record))
                {
                    throw new RegionCorruptException("region is corrupt: directory record " + record +
                        " is pointed to by the index but is not READY");
                }
                continue;
            }
            final EntryRecord entry = directory.read(record, null);
            final int storedHash = region.getInt(directory.recordOffset(record) + NAME_HASH_OFFSET);
            final int actualHash = Names.hash(entry.name().getBytes(StandardCharsets.UTF_8));
            if (storedHash != actualHash)
            {
                throw new RegionCorruptException("region is corrupt: directory record " + record + " (" +
                    Names.quote(entry.name()) + ") has name hash " + storedHash + ", its name hashes to " + actualHash);
            }
            names[record] = entry.name();
            ends[record] = (long)entry.dataOffset() + entry.dataBytes();
            byOffset[ready++] = ((long)entry.dataOffset() << 32) | record;
        }
        checkIndexHashes(referenced);
        // 3. The allocation pointer after the records: every record seen READY was allocated before.
        final long alloc = region.getLongVolatile(HeaderDescriptor.ALLOC_POINTER_OFFSET);
        Arrays.sort(byOffset, 0, ready);
        final List<String> problems = new ArrayList<>();
        long previousEnd = layout.dataOffset();
        int previous = -1;
        for (int i = 0; i < ready; i++)
        {
            final int record = (int)(byOffset[i] & 0xFFFF_FFFFL);
            final long start = byOffset[i] >>> 32;
            final long end = ends[record];
            if (end > alloc && problems.size() < MAX_NAMED)
            {
                problems.add("directory record " + record + " (" + Names.quote(names[record]) + ") has data [" +
                    start + ", " + end + ") past the allocation pointer " + alloc);
            }
            if (start < previousEnd && end > start && previous >= 0 && problems.size() < MAX_NAMED)
            {
                problems.add("directory records " + previous + " (" + Names.quote(names[previous]) + ", data [" +
                    (ends[previous] - region.getLong(directory.recordOffset(previous) + DATA_BYTES_OFFSET)) + ", " +
                    ends[previous] + ")) and " + record + " (" +
                    Names.quote(names[record]) + ", data [" + start + ", " + end + ")) overlap");
            }
            if (end > previousEnd || previous < 0)
            {
                previousEnd = Math.max(previousEnd, end);
                previous = record;
            }
        }
        if (!problems.isEmpty())
        {
            throw new RegionCorruptException("region is corrupt: " + String.join("; ", problems));
        }
    }

    private void checkIndexHashes(final BitSet referenced)
    {
        final int indexWords = layout.indexSlots();
        for (int i = 0; i < indexWords; i++)
        {
            // Acquire: as in validateAll().
            final long word = region.getLongAcquire(indexBase + i * INDEX_WORD_LENGTH);
            if (isPublished(word))
            {
                final int record = (int)DirectoryDescriptor.recordOf(word);
                if (referenced.get(record) &&
                    region.getInt(directory.recordOffset(record) + NAME_HASH_OFFSET) != hashOf(word))
                {
                    throw new RegionCorruptException("region is corrupt: directory index word " + i +
                        " carries hash " + hashOf(word) + ", its record " + record + " has name hash " +
                        region.getInt(directory.recordOffset(record) + NAME_HASH_OFFSET));
                }
            }
        }
    }
}

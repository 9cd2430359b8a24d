package dev.shmem.internal.region;

import dev.shmem.RegionCorruptException;
import dev.shmem.RegionFullException;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.lock.SemaphoreDescriptor;
import dev.shmem.internal.map.MapDescriptor;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.sync.BarrierDescriptor;

import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import static dev.shmem.internal.region.DirectoryDescriptor.DATA_BYTES_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.DATA_OFFSET_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.INDEX_FREE;
import static dev.shmem.internal.region.DirectoryDescriptor.INDEX_WORD_LENGTH;
import static dev.shmem.internal.region.DirectoryDescriptor.LENGTH_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.MAX_NAME_LENGTH;
import static dev.shmem.internal.region.DirectoryDescriptor.NAME_HASH_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.NAME_LENGTH_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.NAME_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.PARAMETER_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.STATE_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.STATE_READY;
import static dev.shmem.internal.region.DirectoryDescriptor.TYPE_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.hashOf;
import static dev.shmem.internal.region.DirectoryDescriptor.isPublished;
import static dev.shmem.internal.region.DirectoryDescriptor.publishedWord;

/**
 * The named-entry directory: get-or-create of entries by name, safe against other processes doing the same.
 *
 * <p>A name hashes to a word of the index; two processes creating the same name at once probe the same words in
 * the same order, the first FREE word is won by exactly one CAS, the loser waits (bounded) for that word to be
 * published and finds the name there. A creator that dies while its word is claimed is detected through the
 * process table, and its word is taken over by the next creator. The index is at most half full, so a lookup
 * probes a word or two at any fill; records are dense, so {@link #forEach} reads only the records in use.
 */
public final class Directory
{
    /** How long a creator waits for an index word that another live process is still writing. */
    public static final long CLAIM_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicBuffer region;
    private final RegionLayout layout;
    private final ProcessTable processes;
    private final int mask;
    private final int indexBase;
    private final long recordsBase;
    /**
     * The entries this JVM has found or created, by name. READY records never change, move or go away, so an entry
     * once checked stays right; a repeated lookup then costs a hash-map probe instead of a walk through shared
     * memory. About 80 bytes per name looked up.
     */
    private final ConcurrentHashMap<String, EntryRecord> found = new ConcurrentHashMap<>();

    /**
     * @param region the whole region buffer.
     * @param layout the region layout.
     * @param processes the process table, for liveness of claimers.
     */
    public Directory(final AtomicBuffer region, final RegionLayout layout, final ProcessTable processes)
    {
        this.region = region;
        this.layout = layout;
        this.processes = processes;
        this.mask = layout.indexSlots() - 1;
        this.indexBase = (int)layout.indexOffset();
        this.recordsBase = layout.recordsOffset();
    }

    /**
     * Finds the entry of this name, or creates it.
     *
     * @param processStamp the calling process's stamp, written into the index while the entry is being created.
     * @param name entry name.
     * @param type requested type.
     * @param length requested length (elements, permits; 1 for values and locks).
     * @param parameter type-specific parameter.
     * @param initializer writes initial values into a new entry's data before it is published; receives the
     *                    data offset. Not called for an existing entry.
     * @return the entry.
     * @throws IllegalArgumentException for a bad name or length.
     * @throws IllegalStateException if the name exists with another type or length.
     * @throws RegionFullException if the entry does not fit, or every directory record is used.
     */
    public EntryRecord getOrCreate(
        final long processStamp,
        final String name,
        final EntryType type,
        final long length,
        final long parameter,
        final IntConsumer initializer)
    {
        final EntryRecord known = name == null ? null : found.get(name);
        if (known != null)
        {
            return checkRequest(known, type, length, parameter);
        }
        final byte[] nameBytes = Names.encode(name);
        final long dataBytes = dataBytes(type, length, parameter, layout.processSlots());
        if (dataBytes > layout.capacity() - layout.dataOffset())
        {
            throw new RegionFullException("region full: " + type.describe(length) + " " + Names.quote(name) +
                " needs " + dataBytes + " bytes, the whole data area of this region is " +
                (layout.capacity() - layout.dataOffset()) + " bytes");
        }
        final int hash = Names.hash(nameBytes);
        for (int probe = 0; probe <= mask; probe++)
        {
            final int word = indexBase + ((hash + probe) & mask) * INDEX_WORD_LENGTH;
            // Read the clock only for a word another live process is claiming (rare), not on every probe.
            long deadline = 0;
            int spins = 0;
            while (true)
            {
                // Acquire: pairs with the release store of the published word in create(), so the record's fields
                // and the entry's initial data are visible once the word is seen.
                final long state = region.getLongAcquire(word);
                if (isPublished(state))
                {
                    if (hashOf(state) == hash)
                    {
                        final int record = checkedRecord(state, word);
                        if (nameEquals(recordOffset(record), nameBytes))
                        {
                            return remember(checkRequest(read(record, name), type, length, parameter));
                        }
                    }
                    break;
                }
                if (state == INDEX_FREE || !processes.isAlive(state))
                {
                    // CAS pairs with other creators' CAS on the same word: exactly one wins it.
                    if (region.compareAndSetLong(word, state, processStamp))
                    {
                        return remember(create(word, processStamp, name, nameBytes, hash, type, length, parameter,
                            dataBytes, initializer));
                    }
                    continue;
                }
                final long now = System.nanoTime();
                if (spins == 0)
                {
                    deadline = now + CLAIM_TIMEOUT_NANOS;
                }
                else if (now - deadline > 0)
                {
                    throw new IllegalStateException("directory index word " + ((word - indexBase) / 8) +
                        " has been claimed for more than " + TimeUnit.NANOSECONDS.toSeconds(CLAIM_TIMEOUT_NANOS) +
                        " s by live pid " + processes.pidOf(state) + " without being finished; cannot look up " +
                        Names.quote(name));
                }
                spins = backoff(spins);
            }
        }
        throw new RegionCorruptException("region is corrupt: every one of the " + layout.indexSlots() +
            " directory index words is used, more than the " + layout.maxEntries() + " records allow; cannot add " +
            type.describe(length) + " " + Names.quote(name));
    }

    /**
     * Finds the entry of this name without creating it (for readers such as the inspector): the same probe as
     * {@link #getOrCreate}, O(1) at any fill. Reads only.
     *
     * @param name entry name.
     * @return the entry, or null if no READY entry has that name.
     * @throws IllegalArgumentException for a bad name.
     * @throws RegionCorruptException for an index word or record that cannot be right.
     */
    public EntryRecord find(final String name)
    {
        final EntryRecord known = name == null ? null : found.get(name);
        if (known != null)
        {
            return known;
        }
        final byte[] nameBytes = Names.encode(name);
        final int hash = Names.hash(nameBytes);
        for (int probe = 0; probe <= mask; probe++)
        {
            final int word = indexBase + ((hash + probe) & mask) * INDEX_WORD_LENGTH;
            // Acquire: pairs with the release store of the published word in create().
            final long state = region.getLongAcquire(word);
            if (state == INDEX_FREE)
            {
                return null;
            }
            if (isPublished(state) && hashOf(state) == hash)
            {
                final int record = checkedRecord(state, word);
                if (nameEquals(recordOffset(record), nameBytes))
                {
                    return read(record, name);
                }
            }
        }
        return null;
    }

    private EntryRecord remember(final EntryRecord entry)
    {
        found.putIfAbsent(entry.name(), entry);
        return entry;
    }

    /**
     * @return the records handed out so far (READY ones, ones being written, and holes left by failed or dead
     * creators); {@link #forEach} reads records {@code [0, recordsUsed())}.
     */
    public int recordsUsed()
    {
        // Acquire: pairs with the CAS of a creator reserving a record.
        final int used = region.getIntAcquire(HeaderDescriptor.RECORDS_USED_OFFSET);
        if (used < 0 || used > layout.maxEntries())
        {
            throw new RegionCorruptException("region is corrupt: " + used + " directory records used, expected 0 to " +
                layout.maxEntries());
        }
        return used;
    }

    /**
     * Visits every READY entry, in creation order. Reads only.
     *
     * @param visitor receives each valid entry.
     * @throws RegionCorruptException for a record that cannot be right.
     */
    public void forEach(final Consumer<EntryRecord> visitor)
    {
        forEach(0, Integer.MAX_VALUE, visitor);
    }

    /**
     * Visits the READY entries among records {@code [from, from + maxRecords)}, in creation order; for paging
     * through a large directory. Reads only.
     *
     * @param from first record index.
     * @param maxRecords how many records to look at (READY or not).
     * @param visitor receives each valid entry.
     * @return the record index to continue from; {@link #recordsUsed()} or more when the walk is complete.
     * @throws RegionCorruptException for a record that cannot be right.
     */
    public int forEach(final int from, final int maxRecords, final Consumer<EntryRecord> visitor)
    {
        final int used = recordsUsed();
        final int end = (int)Math.min(used, (long)Math.max(0, from) + Math.max(0, maxRecords));
        for (int record = Math.max(0, from); record < end; record++)
        {
            // Acquire: pairs with the release store of READY in create().
            if (region.getLongAcquire(recordOffset(record) + STATE_OFFSET) == STATE_READY)
            {
                visitor.accept(read(record, null));
            }
        }
        return Math.max(end, from);
    }

    /**
     * Checks the whole directory, as open does before trusting the file: see {@link DirectoryCheck}. Reads only.
     *
     * @throws RegionCorruptException naming the records that cannot be right.
     */
    public void validateAll()
    {
        new DirectoryCheck(region, layout, this).run();
    }

    /**
     * @param type entry type.
     * @param length elements or permits.
     * @param processSlots process slots of the region.
     * @return bytes of data such an entry occupies.
     */
    public static long dataBytes(final EntryType type, final long length, final long parameter,
        final int processSlots)
    {
        switch (type)
        {
            case INT_ARRAY:
            case LONG_ARRAY:
            case DOUBLE_ARRAY:
            case WAIT_TABLE:
                return length * type.unitBytes();
            case SEMAPHORE:
            case BOUNDED_SEMAPHORE:
                return SemaphoreDescriptor.length(processSlots);
            case QUEUE:
                return QueueDescriptor.length(length, parameter);
            case BARRIER:
                return BarrierDescriptor.length(processSlots);
            case MAP:
                return MapDescriptor.length(length, parameter);
            default:
                return type.unitBytes();
        }
    }

    private EntryRecord create(
        final int word,
        final long processStamp,
        final String name,
        final byte[] nameBytes,
        final int hash,
        final EntryType type,
        final long length,
        final long parameter,
        final long dataBytes,
        final IntConsumer initializer)
    {
        final int record;
        final long dataOffset;
        try
        {
            record = reserveRecord(name, type, length);
        }
        catch (final RuntimeException ex)
        {
            // Release: give the word back; pairs with the acquire load of the word by other creators.
            region.putLongRelease(word, INDEX_FREE);
            throw ex;
        }
        try
        {
            dataOffset = allocate(name, type, length, dataBytes);
        }
        catch (final RuntimeException ex)
        {
            // CAS: hands the untouched record back unless another creator has reserved one since (then it stays
            // an unused hole, never READY).
            region.compareAndSetInt(HeaderDescriptor.RECORDS_USED_OFFSET, record + 1, record);
            // Release: as above.
            region.putLongRelease(word, INDEX_FREE);
            throw ex;
        }
        final int at = recordOffset(record);
        // Plain writes: the record is this creator's alone until the release stores below publish it.
        region.putLong(at + STATE_OFFSET, processStamp);
        region.putInt(at + TYPE_OFFSET, type.code());
        region.putInt(at + NAME_LENGTH_OFFSET, nameBytes.length);
        region.putLong(at + DATA_OFFSET_OFFSET, dataOffset);
        region.putLong(at + LENGTH_OFFSET, length);
        region.putLong(at + PARAMETER_OFFSET, parameter);
        region.putLong(at + DATA_BYTES_OFFSET, dataBytes);
        region.putInt(at + NAME_HASH_OFFSET, hash);
        region.setMemory(at + NAME_OFFSET, MAX_NAME_LENGTH + 1, (byte)0);
        region.putBytes(at + NAME_OFFSET, nameBytes);
        initializer.accept((int)dataOffset);
        // Release: publishes the record and the entry's initial data to forEach() and validateAll(); pairs with
        // their acquire loads of the record's state.
        region.putLongRelease(at + STATE_OFFSET, STATE_READY);
        // Release: publishes the same to lookups by name; pairs with the acquire load of the word in
        // getOrCreate() and validateAll().
        region.putLongRelease(word, publishedWord(hash, record));
        return new EntryRecord(record, name, type, (int)dataOffset, (int)dataBytes, length, parameter);
    }

    private int reserveRecord(final String name, final EntryType type, final long length)
    {
        while (true)
        {
            final int used = recordsUsed();
            if (used == layout.maxEntries())
            {
                throw new RegionFullException("directory full: all " + layout.maxEntries() + " entries of this " +
                    "region are used (raise SharedRegion.Builder.maxEntries when creating the region; the default " +
                    "is one per " + RegionLayout.DEFAULT_BYTES_PER_ENTRY + " bytes of capacity); cannot add " +
                    type.describe(length) + " " + Names.quote(name));
            }
            // CAS pairs with other creators' CAS: each record is handed out once.
            if (region.compareAndSetInt(HeaderDescriptor.RECORDS_USED_OFFSET, used, used + 1))
            {
                return used;
            }
        }
    }

    private long allocate(final String name, final EntryType type, final long length, final long dataBytes)
    {
        while (true)
        {
            final long current = region.getLongVolatile(HeaderDescriptor.ALLOC_POINTER_OFFSET);
            if (current < layout.dataOffset() || current > layout.capacity())
            {
                throw new RegionCorruptException("region is corrupt: allocation pointer " + current +
                    " is outside the data area [" + layout.dataOffset() + ", " + layout.capacity() + "]");
            }
            final long start = BitUtil.align(current, RegionLayout.ENTRY_ALIGNMENT);
            if (start > layout.capacity() || dataBytes > layout.capacity() - start)
            {
                throw new RegionFullException("region full: " + type.describe(length) + " " + Names.quote(name) +
                    " needs " + dataBytes + " bytes, " + Math.max(0, layout.capacity() - start) + " of " +
                    layout.capacity() + " bytes are left");
            }
            // CAS pairs with other allocators' CAS: each byte of the data area is handed out once.
            if (region.compareAndSetLong(HeaderDescriptor.ALLOC_POINTER_OFFSET, current, start + dataBytes))
            {
                return start;
            }
        }
    }

    /**
     * @param word       a published index word.
     * @param wordOffset its offset in the region.
     * @return the record it points to.
     * @throws RegionCorruptException if that is not one of the directory's records.
     */
    int checkedRecord(final long word, final int wordOffset)
    {
        final long record = DirectoryDescriptor.recordOf(word);
        if (record >= layout.maxEntries())
        {
            throw new RegionCorruptException("region is corrupt: directory index word " +
                ((wordOffset - indexBase) / INDEX_WORD_LENGTH) + " points to record " + record + ", expected one of " +
                "the " + layout.maxEntries() + " records");
        }
        return (int)record;
    }

    /**
     * Reads and checks one record.
     *
     * @param record record index.
     * @param knownName the name if the caller has just compared it, else null (decoded from the record).
     */
    EntryRecord read(final int record, final String knownName)
    {
        final int at = recordOffset(record);
        final int typeCode = region.getInt(at + TYPE_OFFSET);
        final int nameLength = region.getInt(at + NAME_LENGTH_OFFSET);
        final long dataOffset = region.getLong(at + DATA_OFFSET_OFFSET);
        final long length = region.getLong(at + LENGTH_OFFSET);
        final long parameter = region.getLong(at + PARAMETER_OFFSET);
        final long dataBytes = region.getLong(at + DATA_BYTES_OFFSET);
        final EntryType type = EntryType.fromCode(typeCode);
        final String where = "region is corrupt: directory record " + record;
        if (type == null)
        {
            throw new RegionCorruptException(where + " has unknown entry type " + typeCode);
        }
        if (nameLength < 1 || nameLength > MAX_NAME_LENGTH)
        {
            throw new RegionCorruptException(where + " has name length " + nameLength + ", expected 1 to " +
                MAX_NAME_LENGTH);
        }
        final String name;
        if (knownName != null)
        {
            name = knownName;
        }
        else
        {
            final byte[] nameBytes = new byte[nameLength];
            region.getBytes(at + NAME_OFFSET, nameBytes);
            name = new String(nameBytes, StandardCharsets.UTF_8);
        }
        if (length < 0 || length > layout.capacity())
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has length " + length +
                ", expected 0 to " + layout.capacity());
        }
        if (type == EntryType.QUEUE && (parameter < 1 || parameter > QueueDescriptor.MAX_MESSAGE_BYTES ||
            length < QueueDescriptor.MIN_SLOTS || length > QueueDescriptor.MAX_SLOTS))
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") is a queue of " + length +
                " slots and max message bytes " + parameter + ", expected " + QueueDescriptor.MIN_SLOTS + " to " +
                QueueDescriptor.MAX_SLOTS + " slots of 1 to " + QueueDescriptor.MAX_MESSAGE_BYTES + " bytes");
        }
        if (type == EntryType.MAP && (length < 1 || length > MapDescriptor.MAX_ENTRIES || parameter < 1 ||
            parameter > MapDescriptor.MAX_ENTRY_BYTES))
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has " + length +
                " max entries and " + parameter + " max entry bytes");
        }
        final long expectedBytes = dataBytes(type, length, parameter, layout.processSlots());
        if (dataBytes != expectedBytes)
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has " + dataBytes +
                " data bytes, expected " + expectedBytes + " for a " + type.describe(length));
        }
        // No sum is formed before both terms are known to be in range, so nothing can overflow.
        if (dataOffset < layout.dataOffset() || dataOffset > layout.capacity() ||
            dataBytes > layout.capacity() - dataOffset || dataOffset % RegionLayout.ENTRY_ALIGNMENT != 0)
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has data at offset " +
                dataOffset + " (" + dataBytes + " bytes), expected a " + RegionLayout.ENTRY_ALIGNMENT +
                "-byte aligned range inside [" + layout.dataOffset() + ", " + layout.capacity() + ")");
        }
        return new EntryRecord(record, name, type, (int)dataOffset, (int)dataBytes, length, parameter);
    }

    private boolean nameEquals(final int record, final byte[] nameBytes)
    {
        if (region.getInt(record + NAME_LENGTH_OFFSET) != nameBytes.length)
        {
            return false;
        }
        for (int i = 0; i < nameBytes.length; i++)
        {
            if (region.getByte(record + NAME_OFFSET + i) != nameBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    int recordOffset(final int record)
    {
        return (int)(recordsBase + DirectoryDescriptor.recordOffset(record));
    }

    private static EntryRecord checkRequest(
        final EntryRecord existing, final EntryType type, final long length, final long parameter)
    {
        final boolean sizeMatters = type.isArray() || type == EntryType.QUEUE || type == EntryType.BARRIER ||
            type == EntryType.MAP;
        if (existing.type() != type || (sizeMatters && existing.length() != length))
        {
            throw new IllegalStateException("entry " + Names.quote(existing.name()) + " exists as " +
                existing.type().describe(existing.length()) + ", requested as " + type.describe(length));
        }
        if (type == EntryType.QUEUE && existing.parameter() != parameter)
        {
            throw new IllegalStateException("entry " + Names.quote(existing.name()) + " exists as " +
                existing.type().describe(existing.length()) + " of messages up to " + existing.parameter() +
                " bytes, requested with messages up to " + parameter + " bytes");
        }
        if (type == EntryType.MAP && existing.parameter() != parameter)
        {
            throw new IllegalStateException("entry " + Names.quote(existing.name()) + " exists as " +
                existing.type().describe(existing.length()) + " of up to " + existing.parameter() +
                " bytes each, requested with entries of up to " + parameter + " bytes");
        }
        return existing;
    }

    private static int backoff(final int spins)
    {
        if (spins < 100)
        {
            Thread.onSpinWait();
        }
        else if (spins < 200)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(100_000);
        }
        return spins + 1;
    }
}

package dev.shmem.internal.region;

import dev.shmem.RegionCorruptException;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.lock.SemaphoreDescriptor;
import dev.shmem.internal.queue.QueueDescriptor;

import dev.shmem.RegionFullException;
import org.agrona.BitUtil;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static dev.shmem.internal.region.DirectoryDescriptor.DATA_BYTES_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.DATA_OFFSET_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.LENGTH_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.MAX_NAME_LENGTH;
import static dev.shmem.internal.region.DirectoryDescriptor.NAME_HASH_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.NAME_LENGTH_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.NAME_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.PARAMETER_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.STATE_FREE;
import static dev.shmem.internal.region.DirectoryDescriptor.STATE_OFFSET;
import static dev.shmem.internal.region.DirectoryDescriptor.STATE_READY;
import static dev.shmem.internal.region.DirectoryDescriptor.TYPE_OFFSET;

/**
 * The named-entry directory: get-or-create of entries by name, safe against other processes doing the same.
 *
 * <p>Two processes creating the same name at once probe the same records in the same order; the first FREE
 * record is won by exactly one CAS, the loser waits (bounded) for that record to become READY and finds the name
 * there. A creator that dies while its record is claimed is detected through the process table, and its record is
 * taken over by the next creator.
 */
public final class Directory
{
    /** How long a creator waits for a record that another live process is still writing. */
    public static final long CLAIM_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicBuffer region;
    private final RegionLayout layout;
    private final ProcessTable processes;
    private final int mask;

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
        this.mask = layout.directorySlots() - 1;
    }

    /**
     * Finds the entry of this name, or creates it.
     *
     * @param processStamp the calling process's stamp, written into a record while it is being created.
     * @param name entry name.
     * @param type requested type.
     * @param length requested length (elements, permits; 1 for values and locks).
     * @param parameter type-specific parameter.
     * @param initializer writes initial values into a new entry's data before it is published; receives the
     *                    data offset. Not called for an existing entry.
     * @return the entry.
     * @throws IllegalArgumentException for a bad name or length.
     * @throws IllegalStateException if the name exists with another type or length.
     * @throws RegionFullException if the entry does not fit.
     */
    public EntryRecord getOrCreate(
        final long processStamp,
        final String name,
        final EntryType type,
        final long length,
        final long parameter,
        final IntConsumer initializer)
    {
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
            final int slot = (hash + probe) & mask;
            final int record = recordOffset(slot);
            final long deadline = System.nanoTime() + CLAIM_TIMEOUT_NANOS;
            int spins = 0;
            while (true)
            {
                // Acquire: pairs with the release store of READY in create(), so the record's fields and the
                // entry's initial data are visible once READY is seen.
                final long state = region.getLongAcquire(record + STATE_OFFSET);
                if (state == STATE_READY)
                {
                    if (nameEquals(record, nameBytes))
                    {
                        return checkRequest(read(slot), type, length, parameter);
                    }
                    break;
                }
                if (state == STATE_FREE || !processes.isAlive(state))
                {
                    // CAS pairs with other creators' CAS on the same record: exactly one wins it.
                    if (region.compareAndSetLong(record + STATE_OFFSET, state, processStamp))
                    {
                        return create(slot, name, nameBytes, hash, type, length, parameter, dataBytes, initializer);
                    }
                    continue;
                }
                if (System.nanoTime() - deadline > 0)
                {
                    throw new IllegalStateException("entry record " + slot + " has been claimed for more than " +
                        TimeUnit.NANOSECONDS.toSeconds(CLAIM_TIMEOUT_NANOS) + " s by live pid " +
                        processes.pidOf(state) + " without being finished; cannot look up " + Names.quote(name));
                }
                spins = backoff(spins);
            }
        }
        throw new RegionFullException("region full: all " + layout.directorySlots() +
            " directory records are used; cannot add " + type.describe(length) + " " + Names.quote(name));
    }

    /**
     * Visits every READY entry, in directory order. Reads only.
     *
     * @param visitor receives each valid entry.
     */
    public void forEach(final Consumer<EntryRecord> visitor)
    {
        for (int slot = 0; slot <= mask; slot++)
        {
            // Acquire: pairs with the release store of READY in create().
            if (region.getLongAcquire(recordOffset(slot) + STATE_OFFSET) == STATE_READY)
            {
                visitor.accept(read(slot));
            }
        }
    }

    /**
     * Checks every READY record against the layout, as open does before trusting the file.
     *
     * @throws RegionCorruptException for the first record that cannot be right.
     */
    public void validateAll()
    {
        forEach(entry -> { });
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
            default:
                return type.unitBytes();
        }
    }

    private EntryRecord create(
        final int slot,
        final String name,
        final byte[] nameBytes,
        final int hash,
        final EntryType type,
        final long length,
        final long parameter,
        final long dataBytes,
        final IntConsumer initializer)
    {
        final int record = recordOffset(slot);
        final long dataOffset;
        try
        {
            dataOffset = allocate(name, type, length, dataBytes);
        }
        catch (final RuntimeException ex)
        {
            // Release: give the record back; pairs with the acquire load of the state by other creators.
            region.putLongRelease(record + STATE_OFFSET, STATE_FREE);
            throw ex;
        }
        region.putInt(record + TYPE_OFFSET, type.code());
        region.putInt(record + NAME_LENGTH_OFFSET, nameBytes.length);
        region.putLong(record + DATA_OFFSET_OFFSET, dataOffset);
        region.putLong(record + LENGTH_OFFSET, length);
        region.putLong(record + PARAMETER_OFFSET, parameter);
        region.putLong(record + DATA_BYTES_OFFSET, dataBytes);
        region.putInt(record + NAME_HASH_OFFSET, hash);
        region.setMemory(record + NAME_OFFSET, MAX_NAME_LENGTH + 1, (byte)0);
        region.putBytes(record + NAME_OFFSET, nameBytes);
        initializer.accept((int)dataOffset);
        // Release: publishes the record and the entry's initial data; pairs with the acquire load in
        // getOrCreate() and forEach().
        region.putLongRelease(record + STATE_OFFSET, STATE_READY);
        return new EntryRecord(slot, name, type, (int)dataOffset, (int)dataBytes, length, parameter);
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
            final long end = start + dataBytes;
            if (end > layout.capacity())
            {
                throw new RegionFullException("region full: " + type.describe(length) + " " + Names.quote(name) +
                    " needs " + dataBytes + " bytes, " + Math.max(0, layout.capacity() - start) + " of " +
                    layout.capacity() + " bytes are left");
            }
            // CAS pairs with other allocators' CAS: each byte of the data area is handed out once.
            if (region.compareAndSetLong(HeaderDescriptor.ALLOC_POINTER_OFFSET, current, end))
            {
                return start;
            }
        }
    }

    private EntryRecord read(final int slot)
    {
        final int record = recordOffset(slot);
        final int typeCode = region.getInt(record + TYPE_OFFSET);
        final int nameLength = region.getInt(record + NAME_LENGTH_OFFSET);
        final long dataOffset = region.getLong(record + DATA_OFFSET_OFFSET);
        final long length = region.getLong(record + LENGTH_OFFSET);
        final long parameter = region.getLong(record + PARAMETER_OFFSET);
        final long dataBytes = region.getLong(record + DATA_BYTES_OFFSET);
        final EntryType type = EntryType.fromCode(typeCode);
        final String where = "region is corrupt: directory record " + slot;
        if (type == null)
        {
            throw new RegionCorruptException(where + " has unknown entry type " + typeCode);
        }
        if (nameLength < 1 || nameLength > MAX_NAME_LENGTH)
        {
            throw new RegionCorruptException(where + " has name length " + nameLength + ", expected 1 to " +
                MAX_NAME_LENGTH);
        }
        final byte[] nameBytes = new byte[nameLength];
        region.getBytes(record + NAME_OFFSET, nameBytes);
        final String name = new String(nameBytes, StandardCharsets.UTF_8);
        if (length < 0 || length > layout.capacity())
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has length " + length);
        }
        if (type == EntryType.QUEUE && (parameter < 1 || parameter > QueueDescriptor.MAX_MESSAGE_BYTES))
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has max message bytes " +
                parameter);
        }
        final long expectedBytes = dataBytes(type, length, parameter, layout.processSlots());
        if (dataBytes != expectedBytes)
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has " + dataBytes +
                " data bytes, expected " + expectedBytes + " for a " + type.describe(length));
        }
        if (dataOffset < layout.dataOffset() || dataOffset % RegionLayout.ENTRY_ALIGNMENT != 0 ||
            dataOffset + dataBytes > layout.capacity())
        {
            throw new RegionCorruptException(where + " (" + Names.quote(name) + ") has data at [" + dataOffset +
                ", " + (dataOffset + dataBytes) + "), expected an aligned range inside [" + layout.dataOffset() +
                ", " + layout.capacity() + ")");
        }
        return new EntryRecord(slot, name, type, (int)dataOffset, (int)dataBytes, length, parameter);
    }

    private static EntryRecord checkRequest(
        final EntryRecord existing, final EntryType type, final long length, final long parameter)
    {
        final boolean sizeMatters = type.isArray() || type == EntryType.QUEUE;
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
        return existing;
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

    private int recordOffset(final int slot)
    {
        return (int)layout.directoryOffset() + DirectoryDescriptor.recordOffset(slot);
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

    /**
     * Receives the data offset of a new entry.
     */
    @FunctionalInterface
    public interface IntConsumer
    {
        /**
         * @param dataOffset absolute offset of the entry's data.
         */
        void accept(int dataOffset);
    }
}

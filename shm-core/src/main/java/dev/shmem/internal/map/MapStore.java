package dev.shmem.internal.map;

import dev.shmem.internal.lock.LockWord;
import dev.shmem.RegionCorruptException;
import dev.shmem.internal.wait.Waiting;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.lang.invoke.VarHandle;

import static dev.shmem.internal.map.MapDescriptor.NIL;
import static dev.shmem.internal.map.MapDescriptor.OP_INSERT;
import static dev.shmem.internal.map.MapDescriptor.OP_NONE;
import static dev.shmem.internal.map.MapDescriptor.OP_REMOVE;
import static dev.shmem.internal.map.MapDescriptor.OP_REPLACE;
import static dev.shmem.internal.map.MapDescriptor.REDO_LINK_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.REDO_OLD_SLOT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.REDO_OP_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.REDO_SLOT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_COUNT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_SPARE_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_VERSION_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_DATA_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_FREE;
import static dev.shmem.internal.map.MapDescriptor.SLOT_HASH_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_KEY_LENGTH_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_NEXT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_STATE_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_VALUE_LENGTH_OFFSET;

/**
 * The bytes of a map entry (layout: {@link MapDescriptor}): the chain walk, changes under the segment's
 * {@link LockWord} with a redo record, and the repair ({@link MapRepair}) a lock holder runs when it finds a segment
 * left mid-change by a dead writer. Keys and values arrive here encoded; {@link MapReader} reads without locks.
 *
 * <p>A lookup result packs the slot (low 32 bits: the slot, {@link #ABSENT} or {@link #INCONSISTENT}) and the link
 * that points at it (high 32 bits: see {@link MapDescriptor}).
 */
final class MapStore
{
    static final int ABSENT = -1;
    static final int INCONSISTENT = -2;

    private final String name;
    private final AtomicBuffer buffer;
    private final MapGeometry g;
    private final LockWord[] locks;
    private final MapRepair repair;
    /** Where this process starts looking for a free slot (a racy hint; every claim is a CAS). */
    private int claimHint;

    MapStore(final String name, final AtomicBuffer buffer, final MapGeometry geometry, final LockWord[] locks)
    {
        this.name = name;
        this.buffer = buffer;
        this.g = geometry;
        this.locks = locks;
        this.repair = new MapRepair(this);
        this.claimHint = (int)((ProcessHandle.current().pid() * 0x9E3779B9L) & 0x7FFF_FFFF) % geometry.totalSlots;
    }

    String name()
    {
        return name;
    }

    AtomicBuffer buffer()
    {
        return buffer;
    }

    MapGeometry geometry()
    {
        return g;
    }

    int segmentOf(final long hash)
    {
        return (int)(hash >>> 40) & g.segmentMask;
    }

    /**
     * Finds a key in its bucket's chain (plain reads: under the segment lock, or checked by the caller's version).
     *
     * @return the packed link and slot ({@link #ABSENT} with the chain's last link, or {@link #INCONSISTENT}).
     */
    long locate(final int segment, final long hash, final DirectBuffer key, final int keyLength)
    {
        final int bucket = bucketOf(segment, hash);
        int link = -1 - bucket;
        int slot = buffer.getInt(g.bucketsOffset + bucket * Integer.BYTES);
        for (int steps = 0; steps <= g.totalSlots; steps++)
        {
            if (slot == NIL)
            {
                return pack(link, ABSENT);
            }
            if (slot < 0 || slot >= g.totalSlots)
            {
                return pack(link, INCONSISTENT);
            }
            final int offset = g.slotOffset(slot);
            if (buffer.getLong(offset + SLOT_HASH_OFFSET) == hash &&
                buffer.getInt(offset + SLOT_KEY_LENGTH_OFFSET) == keyLength &&
                keyEquals(offset + SLOT_DATA_OFFSET, key, keyLength))
            {
                return pack(link, slot);
            }
            link = slot;
            slot = buffer.getInt(offset + SLOT_NEXT_OFFSET);
        }
        return pack(link, INCONSISTENT);
    }

    private boolean keyEquals(final int offset, final DirectBuffer key, final int length)
    {
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            if (buffer.getLong(offset + i) != key.getLong(i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (buffer.getByte(offset + i) != key.getByte(i))
            {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------------ locking

    /**
     * Takes a segment's lock (taking it over from a dead owner) and repairs what a dead writer left.
     *
     * @param segment the segment.
     * @throws IllegalStateException if the calling thread already holds it (a map call from inside a compute
     *                               function on the same segment).
     */
    void lock(final int segment)
    {
        final LockWord word = locks[segment];
        final long stamp = word.stamp();
        if (!word.tryAcquire(stamp))
        {
            if (word.owner() == stamp)
            {
                throw new IllegalStateException("map '" + name + "': recursive update (a function passed to " +
                    "compute, computeIfAbsent, computeIfPresent or merge used the map)");
            }
            try
            {
                // Segment critical sections last nanoseconds (one put or get): spin rather than park.
                word.acquire(stamp, Waiting.NO_TIMEOUT, Waiting.Interruption.DEFER, Waiting.Spin.SPIN_THEN_PARK);
            }
            catch (final InterruptedException ex)
            {
                throw new IllegalStateException("uninterruptible wait reported an interrupt", ex);
            }
            if (!word.isConsistent())
            {
                repair.repair(segment);
                word.markConsistent();
            }
        }
        // Plain read: we own the lock, whose acquiring CAS ordered every earlier owner's writes before it.
        if ((buffer.getLong(segmentOffset(segment) + SEGMENT_VERSION_OFFSET) & 1) != 0)
        {
            repair.repair(segment);
        }
    }

    long takeovers()
    {
        long sum = 0;
        for (final LockWord word : locks)
        {
            sum += word.takeovers();
        }
        return sum;
    }

    void unlock(final int segment)
    {
        locks[segment].release();
    }

    /**
     * Takes every segment's lock in index order (the only order in which anyone holds two).
     */
    void lockAll()
    {
        int locked = 0;
        try
        {
            for (; locked < g.segments; locked++)
            {
                lock(locked);
            }
        }
        catch (final RuntimeException ex)
        {
            for (int s = locked - 1; s >= 0; s--)
            {
                unlock(s);
            }
            throw ex;
        }
    }

    void unlockAll()
    {
        for (int s = g.segments - 1; s >= 0; s--)
        {
            unlock(s);
        }
    }

    // ------------------------------------------------------------------------------------------- writes, lock held

    void beginWrite(final int segment)
    {
        final int offset = segmentOffset(segment) + SEGMENT_VERSION_OFFSET;
        // Release store of an odd version, then a store fence: no change below becomes visible before readers can
        // see the segment is being written; pairs with the readers' load fence before their second version read.
        buffer.putLongRelease(offset, buffer.getLong(offset) + 1);
        VarHandle.storeStoreFence();
    }

    void endWrite(final int segment)
    {
        final int offset = segmentOffset(segment) + SEGMENT_VERSION_OFFSET;
        // Release store of the next even version: publishes the change; pairs with the readers' acquire load.
        buffer.putLongRelease(offset, buffer.getLong(offset) + 1);
    }

    /**
     * Writes a key's value: into a new slot linked at its bucket's head if {@code located} is absent, else into
     * the segment's spare slot that then replaces the old one.
     *
     * @throws IllegalStateException if the key is new and every slot is taken (nothing changed).
     */
    void put(final int segment, final long located, final long hash, final DirectBuffer key, final int keyLength,
        final DirectBuffer value, final int valueLength)
    {
        final int slot = slotOf(located);
        beginWrite(segment);
        try
        {
            if (slot == ABSENT)
            {
                insert(segment, hash, key, keyLength, value, valueLength);
            }
            else
            {
                replace(segment, linkOf(located), slot, hash, key, keyLength, value, valueLength);
            }
        }
        finally
        {
            endWrite(segment);
        }
    }

    private void insert(final int segment, final long hash, final DirectBuffer key, final int keyLength,
        final DirectBuffer value, final int valueLength)
    {
        final int headLink = -1 - bucketOf(segment, hash);
        logRedo(segment, OP_INSERT, NIL, NIL, headLink);
        final int slot = claim(segment);
        if (slot == NIL)
        {
            clearRedo(segment);
            throw new IllegalStateException("map '" + name + "' is full: its capacity is " + g.maxEntries +
                " entries");
        }
        writeSlot(slot, readLink(headLink), hash, key, keyLength, value, valueLength);
        // Release: the slot's bytes are written before the link that makes it reachable.
        writeLink(headLink, slot);
        final int countOffset = segmentOffset(segment) + SEGMENT_COUNT_OFFSET;
        buffer.putInt(countOffset, buffer.getInt(countOffset) + 1);
        clearRedo(segment);
    }

    private void replace(final int segment, final int link, final int old, final long hash, final DirectBuffer key,
        final int keyLength, final DirectBuffer value, final int valueLength)
    {
        final int spare = spareOf(segment);
        writeSlot(spare, buffer.getInt(g.slotOffset(old) + SLOT_NEXT_OFFSET), hash, key, keyLength, value,
            valueLength);
        logRedo(segment, OP_REPLACE, spare, old, link);
        writeLink(link, spare);
        buffer.putInt(segmentOffset(segment) + SEGMENT_SPARE_OFFSET, old);
        clearRedo(segment);
    }

    /**
     * Unlinks and frees the slot {@code located} found.
     */
    void remove(final int segment, final long located)
    {
        beginWrite(segment);
        try
        {
            unlinkAndFree(segment, linkOf(located), slotOf(located));
        }
        finally
        {
            endWrite(segment);
        }
    }

    /**
     * Removes every entry of a segment, one redo-logged unlink at a time (lock held, write begun by the caller).
     */
    void clear(final int segment)
    {
        for (int b = 0; b < g.bucketsPerSegment; b++)
        {
            final int headLink = -1 - (segment * g.bucketsPerSegment + b);
            for (int steps = 0; steps <= g.totalSlots; steps++)
            {
                final int head = readLink(headLink);
                if (head == NIL)
                {
                    break;
                }
                checkSlot(segment, head, "chain");
                unlinkAndFree(segment, headLink, head);
            }
        }
    }

    private void unlinkAndFree(final int segment, final int link, final int slot)
    {
        logRedo(segment, OP_REMOVE, NIL, slot, link);
        writeLink(link, buffer.getInt(g.slotOffset(slot) + SLOT_NEXT_OFFSET));
        final int countOffset = segmentOffset(segment) + SEGMENT_COUNT_OFFSET;
        buffer.putInt(countOffset, buffer.getInt(countOffset) - 1);
        // Release: the unlink is done before another segment can claim the slot; pairs with claim()'s CAS.
        buffer.putIntRelease(g.slotOffset(slot) + SLOT_STATE_OFFSET, SLOT_FREE);
        clearRedo(segment);
    }

    /**
     * Claims a free slot for the segment by CAS of its state, recording each candidate in the redo record first
     * so a repair can tell whether the claim happened.
     *
     * @return the slot, or {@link MapDescriptor#NIL} if every slot is taken.
     */
    private int claim(final int segment)
    {
        final int total = g.totalSlots;
        final int start = Math.floorMod(claimHint, total);
        final int redo = segmentOffset(segment) + REDO_SLOT_OFFSET;
        for (int i = 0; i < total; i++)
        {
            final int slot = start + i < total ? start + i : start + i - total;
            final int state = g.slotOffset(slot) + SLOT_STATE_OFFSET;
            // Volatile read: pairs with the release store of SLOT_FREE by the remover.
            if (buffer.getIntVolatile(state) == SLOT_FREE)
            {
                // Plain store before the CAS (whose volatile semantics keep it first): repair reads it.
                buffer.putInt(redo, slot);
                // CAS pairs with other segments' claims: a slot belongs to one segment at a time.
                if (buffer.compareAndSetInt(state, SLOT_FREE, segment + 1))
                {
                    claimHint = slot + 1;
                    return slot;
                }
            }
        }
        return NIL;
    }

    private void writeSlot(final int slot, final int next, final long hash, final DirectBuffer key,
        final int keyLength, final DirectBuffer value, final int valueLength)
    {
        final int offset = g.slotOffset(slot);
        buffer.putInt(offset + SLOT_NEXT_OFFSET, next);
        buffer.putLong(offset + SLOT_HASH_OFFSET, hash);
        buffer.putInt(offset + SLOT_KEY_LENGTH_OFFSET, keyLength);
        buffer.putInt(offset + SLOT_VALUE_LENGTH_OFFSET, valueLength);
        buffer.putBytes(offset + SLOT_DATA_OFFSET, key, 0, keyLength);
        buffer.putBytes(offset + SLOT_DATA_OFFSET + keyLength, value, 0, valueLength);
    }

    private void logRedo(final int segment, final int op, final int slot, final int oldSlot, final int link)
    {
        final int offset = segmentOffset(segment);
        buffer.putInt(offset + REDO_SLOT_OFFSET, slot);
        buffer.putInt(offset + REDO_OLD_SLOT_OFFSET, oldSlot);
        buffer.putInt(offset + REDO_LINK_OFFSET, link);
        // Release store of the op after its operands, then a store fence before the change it describes: a
        // repair that reads the op finds its operands and at most the one link store after it.
        buffer.putIntRelease(offset + REDO_OP_OFFSET, op);
        VarHandle.storeStoreFence();
    }

    void clearRedo(final int segment)
    {
        // Release: the change is complete before the record says nothing is in progress.
        buffer.putIntRelease(segmentOffset(segment) + REDO_OP_OFFSET, OP_NONE);
    }

    // -------------------------------------------------------------------------------------- helpers (lock held)

    int readLink(final int link)
    {
        return buffer.getInt(linkOffset(link));
    }

    void writeLink(final int link, final int slot)
    {
        // Release: everything the slot holds is written before it becomes reachable.
        buffer.putIntRelease(linkOffset(link), slot);
    }

    private int linkOffset(final int link)
    {
        return link >= 0 ? g.slotOffset(link) + SLOT_NEXT_OFFSET : g.bucketsOffset + (-1 - link) * Integer.BYTES;
    }

    int spareOf(final int segment)
    {
        final int spare = buffer.getInt(segmentOffset(segment) + SEGMENT_SPARE_OFFSET);
        checkSlot(segment, spare, "spare slot");
        return spare;
    }

    void checkSlot(final int segment, final int slot, final String what)
    {
        if (slot < 0 || slot >= g.totalSlots)
        {
            throw corrupt("segment " + segment + " " + what + " " + slot + " is outside 0 to " + (g.totalSlots - 1));
        }
        final int state = buffer.getIntVolatile(g.slotOffset(slot) + SLOT_STATE_OFFSET);
        if (state != segment + 1)
        {
            throw corrupt("segment " + segment + " " + what + " " + slot + " is owned by " + state +
                ", expected " + (segment + 1));
        }
    }

    int slotKeyLength(final int segment, final int slot)
    {
        final int length = buffer.getInt(g.slotOffset(slot) + SLOT_KEY_LENGTH_OFFSET);
        final int valueLength = buffer.getInt(g.slotOffset(slot) + SLOT_VALUE_LENGTH_OFFSET);
        if (length < 0 || valueLength < 0 || length > g.maxEntryBytes - valueLength)
        {
            throw corrupt("segment " + segment + " slot " + slot + " has key " + length + " and value " +
                valueLength + " bytes, expected at most " + g.maxEntryBytes + " together");
        }
        return length;
    }

    int slotValueLength(final int slot)
    {
        return buffer.getInt(g.slotOffset(slot) + SLOT_VALUE_LENGTH_OFFSET);
    }

    int slotDataOffset(final int slot)
    {
        return g.slotOffset(slot) + SLOT_DATA_OFFSET;
    }

    int bucketOf(final int segment, final long hash)
    {
        return segment * g.bucketsPerSegment + ((int)hash & g.bucketMask);
    }

    static int segmentOffset(final int segment)
    {
        return MapDescriptor.segmentOffset(segment);
    }

    static long pack(final int link, final int slot)
    {
        return ((long)link << 32) | (slot & 0xFFFF_FFFFL);
    }

    static int slotOf(final long located)
    {
        return (int)located;
    }

    static int linkOf(final long located)
    {
        return (int)(located >> 32);
    }

    RegionCorruptException corrupt(final String what)
    {
        return new RegionCorruptException("region is corrupt: map '" + name + "' " + what);
    }

}

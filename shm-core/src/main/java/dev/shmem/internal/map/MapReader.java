package dev.shmem.internal.map;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;

import java.lang.invoke.VarHandle;

import static dev.shmem.internal.map.MapDescriptor.NIL;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_COUNT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_VERSION_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_DATA_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_KEY_LENGTH_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_NEXT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_VALUE_LENGTH_OFFSET;

/**
 * The reads of a {@link MapStore} that take no lock: a segment's version (a sequence lock) is read before and after
 * copying, and the copy is kept only if it did not change; after {@value #OPTIMISTIC_ATTEMPTS} failed attempts the
 * read takes the segment lock, so it always ends (and a dead writer's odd version is repaired on the way).
 */
final class MapReader
{
    private static final int OPTIMISTIC_ATTEMPTS = 64;

    private final MapStore store;
    private final AtomicBuffer buffer;
    private final MapGeometry g;

    MapReader(final MapStore store)
    {
        this.store = store;
        this.buffer = store.buffer();
        this.g = store.geometry();
    }

    /**
     * Copies the value of a key out of the map, without a lock unless writers keep changing its segment.
     *
     * @param hash      the key's hash.
     * @param key       the encoded key.
     * @param keyLength its length.
     * @param out       receives the value bytes at 0, or null to only test presence.
     * @return the value's length, or {@link #ABSENT}.
     */
    int get(final long hash, final DirectBuffer key, final int keyLength, final MutableDirectBuffer out)
    {
        final int segment = store.segmentOf(hash);
        final int versionOffset = MapStore.segmentOffset(segment) + SEGMENT_VERSION_OFFSET;
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++)
        {
            // Acquire: pairs with the release store that ends a write (endWrite), so a stable even version means
            // the reads below see that write's bytes.
            final long before = buffer.getLongAcquire(versionOffset);
            if ((before & 1) == 0)
            {
                final int result = copyValue(segment, hash, key, keyLength, out);
                // Load fence: the reads above complete before the version is read again; pairs with the store
                // fence after a writer's odd version store (beginWrite).
                VarHandle.acquireFence();
                if (buffer.getLongVolatile(versionOffset) == before)
                {
                    if (result == MapStore.INCONSISTENT)
                    {
                        throw store.corrupt("segment " + segment + " has a chain that leaves the slots or loops");
                    }
                    return result;
                }
            }
            Thread.onSpinWait();
        }
        store.lock(segment);
        try
        {
            final int result = copyValue(segment, hash, key, keyLength, out);
            if (result == MapStore.INCONSISTENT)
            {
                throw store.corrupt("segment " + segment + " has a chain that leaves the slots or loops");
            }
            return result;
        }
        finally
        {
            store.unlock(segment);
        }
    }

    private int copyValue(
        final int segment, final long hash, final DirectBuffer key, final int keyLength, final MutableDirectBuffer out)
    {
        final int slot = MapStore.slotOf(store.locate(segment, hash, key, keyLength));
        if (slot < 0)
        {
            return slot;
        }
        final int offset = g.slotOffset(slot);
        final int valueLength = buffer.getInt(offset + SLOT_VALUE_LENGTH_OFFSET);
        if (valueLength < 0 || valueLength > g.maxEntryBytes - keyLength)
        {
            return MapStore.INCONSISTENT;
        }
        if (out != null)
        {
            buffer.getBytes(offset + SLOT_DATA_OFFSET + keyLength, out, 0, valueLength);
        }
        return valueLength;
    }

    /**
     * Sums the segment counts at one moment: twice through the versions, else under every lock.
     *
     * @return the number of entries.
     */
    int size()
    {
        final long[] versions = new long[g.segments];
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++)
        {
            long sum = 0;
            boolean stable = true;
            for (int s = 0; s < g.segments && stable; s++)
            {
                // Acquire: pairs with endWrite's release store, as in get().
                versions[s] = buffer.getLongAcquire(MapStore.segmentOffset(s) + SEGMENT_VERSION_OFFSET);
                stable = (versions[s] & 1) == 0;
                sum += count(s);
            }
            // Load fence: the counts are read before the versions again; pairs with beginWrite's store fence.
            VarHandle.acquireFence();
            for (int s = 0; s < g.segments && stable; s++)
            {
                stable = buffer.getLongVolatile(MapStore.segmentOffset(s) + SEGMENT_VERSION_OFFSET) == versions[s];
            }
            if (stable)
            {
                return (int)sum;
            }
            Thread.onSpinWait();
        }
        store.lockAll();
        try
        {
            long sum = 0;
            for (int s = 0; s < g.segments; s++)
            {
                sum += count(s);
            }
            return (int)sum;
        }
        finally
        {
            store.unlockAll();
        }
    }

    private int count(final int segment)
    {
        final int count = buffer.getInt(MapStore.segmentOffset(segment) + SEGMENT_COUNT_OFFSET);
        // A torn or garbage count is caught by the version check or, under the lock, reported.
        return Math.max(0, Math.min(count, g.maxEntries));
    }

    /**
     * Copies every entry of a segment at one moment: without a lock if its version holds still, else under it.
     *
     * @param segment the segment.
     * @param sink    receives key and value bytes of each entry (reset before each attempt).
     */
    void snapshot(final int segment, final EntrySink sink)
    {
        final int versionOffset = MapStore.segmentOffset(segment) + SEGMENT_VERSION_OFFSET;
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++)
        {
            // Acquire: pairs with endWrite's release store, as in get().
            final long before = buffer.getLongAcquire(versionOffset);
            if ((before & 1) == 0)
            {
                sink.reset();
                final boolean whole = copySegment(segment, sink);
                // Load fence: pairs with beginWrite's store fence, as in get().
                VarHandle.acquireFence();
                if (buffer.getLongVolatile(versionOffset) == before)
                {
                    if (!whole)
                    {
                        throw store.corrupt("segment " + segment + " has a chain that leaves the slots or loops");
                    }
                    return;
                }
            }
            Thread.onSpinWait();
        }
        store.lock(segment);
        try
        {
            sink.reset();
            if (!copySegment(segment, sink))
            {
                throw store.corrupt("segment " + segment + " has a chain that leaves the slots or loops");
            }
        }
        finally
        {
            store.unlock(segment);
        }
    }

    private boolean copySegment(final int segment, final EntrySink sink)
    {
        int steps = 0;
        for (int b = 0; b < g.bucketsPerSegment; b++)
        {
            int slot = buffer.getInt(g.bucketsOffset + (segment * g.bucketsPerSegment + b) * Integer.BYTES);
            while (slot != NIL)
            {
                if (slot < 0 || slot >= g.totalSlots || ++steps > g.totalSlots)
                {
                    return false;
                }
                final int offset = g.slotOffset(slot);
                final int keyLength = buffer.getInt(offset + SLOT_KEY_LENGTH_OFFSET);
                final int valueLength = buffer.getInt(offset + SLOT_VALUE_LENGTH_OFFSET);
                if (keyLength < 0 || valueLength < 0 || keyLength > g.maxEntryBytes - valueLength)
                {
                    return false;
                }
                final byte[] key = new byte[keyLength];
                final byte[] value = new byte[valueLength];
                buffer.getBytes(offset + SLOT_DATA_OFFSET, key);
                buffer.getBytes(offset + SLOT_DATA_OFFSET + keyLength, value);
                sink.accept(key, value);
                slot = buffer.getInt(offset + SLOT_NEXT_OFFSET);
            }
        }
        return true;
    }

    /**
     * Receives copied entries.
     */
    interface EntrySink
    {
        void reset();

        void accept(byte[] key, byte[] value);
    }
}

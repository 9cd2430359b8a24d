package dev.shmem.internal.map;

import org.agrona.concurrent.AtomicBuffer;

import static dev.shmem.internal.map.MapDescriptor.NIL;
import static dev.shmem.internal.map.MapDescriptor.OP_NONE;
import static dev.shmem.internal.map.MapDescriptor.REDO_OP_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_COUNT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_SPARE_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_VERSION_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_HASH_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_NEXT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_STATE_OFFSET;

/**
 * A full consistency check of a map under all its segment locks: every chain stays in its segment and bucket,
 * every chained slot and the spare are owned by the segment, the count equals the chains, no slot is owned and
 * unreachable (leaked), no redo record is pending, every version is even.
 */
final class MapCheck
{
    private final MapStore store;
    private final AtomicBuffer buffer;
    private final MapGeometry g;
    private final StringBuilder problems = new StringBuilder();

    MapCheck(final MapStore store)
    {
        this.store = store;
        this.buffer = store.buffer();
        this.g = store.geometry();
    }

    String run()
    {
        store.lockAll();
        try
        {
            final int[] owned = new int[g.segments];
            for (int slot = 0; slot < g.totalSlots; slot++)
            {
                final int state = buffer.getIntVolatile(g.slotOffset(slot) + SLOT_STATE_OFFSET);
                if (state < 0 || state > g.segments)
                {
                    problem("slot " + slot + " has state " + state);
                }
                else if (state > 0)
                {
                    owned[state - 1]++;
                }
            }
            for (int segment = 0; segment < g.segments; segment++)
            {
                checkSegment(segment, owned[segment]);
            }
        }
        finally
        {
            store.unlockAll();
        }
        return problems.toString();
    }

    private void checkSegment(final int segment, final int owned)
    {
        final int header = MapDescriptor.segmentOffset(segment);
        if ((buffer.getLong(header + SEGMENT_VERSION_OFFSET) & 1) != 0)
        {
            problem("segment " + segment + " has an odd version");
        }
        if (buffer.getInt(header + REDO_OP_OFFSET) != OP_NONE)
        {
            problem("segment " + segment + " has a pending redo op " + buffer.getInt(header + REDO_OP_OFFSET));
        }
        final int spare = buffer.getInt(header + SEGMENT_SPARE_OFFSET);
        if (spare < 0 || spare >= g.totalSlots ||
            buffer.getIntVolatile(g.slotOffset(spare) + SLOT_STATE_OFFSET) != segment + 1)
        {
            problem("segment " + segment + " spare " + spare + " is not its own");
        }
        int chained = 0;
        for (int b = 0; b < g.bucketsPerSegment; b++)
        {
            final int bucket = segment * g.bucketsPerSegment + b;
            int slot = buffer.getInt(g.bucketsOffset + bucket * Integer.BYTES);
            while (slot != NIL)
            {
                if (slot < 0 || slot >= g.totalSlots || ++chained > g.totalSlots)
                {
                    problem("segment " + segment + " bucket " + b + " chain reaches " + slot);
                    break;
                }
                final int offset = g.slotOffset(slot);
                if (buffer.getIntVolatile(offset + SLOT_STATE_OFFSET) != segment + 1)
                {
                    problem("segment " + segment + " chains slot " + slot + " it does not own");
                }
                final long hash = buffer.getLong(offset + SLOT_HASH_OFFSET);
                if (store.bucketOf(store.segmentOf(hash), hash) != bucket)
                {
                    problem("slot " + slot + " is chained in bucket " + bucket + " but hashes elsewhere");
                }
                if (slot == spare)
                {
                    problem("segment " + segment + " chains its spare " + spare);
                }
                slot = buffer.getInt(offset + SLOT_NEXT_OFFSET);
            }
        }
        final int count = buffer.getInt(header + SEGMENT_COUNT_OFFSET);
        if (count != chained)
        {
            problem("segment " + segment + " counts " + count + " entries, its chains hold " + chained);
        }
        if (owned != chained + 1)
        {
            problem("segment " + segment + " owns " + owned + " slots, expected " + (chained + 1) +
                " (entries + spare): " + (owned - chained - 1) + " leaked");
        }
    }

    private void problem(final String what)
    {
        problems.append(what).append('\n');
    }
}

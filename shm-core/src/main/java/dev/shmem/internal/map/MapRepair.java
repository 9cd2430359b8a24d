package dev.shmem.internal.map;

import org.agrona.concurrent.AtomicBuffer;

import java.lang.System.Logger.Level;

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
import static dev.shmem.internal.map.MapDescriptor.SLOT_FREE;
import static dev.shmem.internal.map.MapDescriptor.SLOT_NEXT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_STATE_OFFSET;

/**
 * What the holder of a segment's lock does when the segment was left mid-change (odd version) or its lock was
 * taken over from a dead owner: finish or discard the change the redo record names, recount the segment, and
 * make its version even. Idempotent, so a repairer that dies is repaired in turn. The procedure is written out
 * in {@code docs/FORMAT.md}.
 */
final class MapRepair
{
    private static final System.Logger LOGGER = System.getLogger("dev.shmem");

    private final MapStore store;
    private final AtomicBuffer buffer;
    private final MapGeometry g;

    MapRepair(final MapStore store)
    {
        this.store = store;
        this.buffer = store.buffer();
        this.g = store.geometry();
    }

    /**
     * @param segment a segment whose lock the caller holds.
     */
    void repair(final int segment)
    {
        final int header = MapDescriptor.segmentOffset(segment);
        // Plain reads: the lock's acquiring CAS ordered the dead owner's writes before us.
        final int op = buffer.getInt(header + REDO_OP_OFFSET);
        final int slot = buffer.getInt(header + REDO_SLOT_OFFSET);
        final int oldSlot = buffer.getInt(header + REDO_OLD_SLOT_OFFSET);
        final int link = buffer.getInt(header + REDO_LINK_OFFSET);
        final String done;
        switch (op)
        {
            case OP_NONE:
                done = "no change in progress";
                break;
            case OP_INSERT:
                checkLink(segment, link);
                if (slot != NIL && validSlot(slot) && store.readLink(link) != slot && stateOf(slot) == segment + 1 &&
                    slot != buffer.getInt(header + SEGMENT_SPARE_OFFSET))
                {
                    free(slot);
                    done = "insert into slot " + slot + " discarded (claimed, not linked)";
                }
                else
                {
                    done = store.readLink(link) == slot ? "insert into slot " + slot + " kept (linked)" :
                        "insert discarded (no slot claimed)";
                }
                break;
            case OP_REPLACE:
                checkLink(segment, link);
                store.checkSlot(segment, slot, "redo slot");
                store.checkSlot(segment, oldSlot, "redo old slot");
                if (store.readLink(link) == slot)
                {
                    buffer.putInt(header + SEGMENT_SPARE_OFFSET, oldSlot);
                    done = "replace of slot " + oldSlot + " by " + slot + " finished";
                }
                else
                {
                    done = "replace of slot " + oldSlot + " discarded";
                }
                break;
            case OP_REMOVE:
                checkLink(segment, link);
                if (!validSlot(oldSlot))
                {
                    throw store.corrupt("segment " + segment + " redo record names slot " + oldSlot);
                }
                if (store.readLink(link) == oldSlot)
                {
                    done = "remove of slot " + oldSlot + " discarded (still linked)";
                }
                else
                {
                    if (stateOf(oldSlot) == segment + 1)
                    {
                        free(oldSlot);
                    }
                    done = "remove of slot " + oldSlot + " finished";
                }
                break;
            default:
                throw store.corrupt("segment " + segment + " redo record has op " + op + ", expected 0 to 3");
        }
        buffer.putInt(header + SEGMENT_COUNT_OFFSET, recount(segment));
        store.clearRedo(segment);
        final int versionOffset = header + SEGMENT_VERSION_OFFSET;
        final long version = buffer.getLong(versionOffset);
        if ((version & 1) != 0)
        {
            // Release: the repaired segment is published to readers; pairs with their acquire load of the version.
            buffer.putLongRelease(versionOffset, version + 1);
        }
        LOGGER.log(Level.WARNING, "map '" + store.name() + "' segment " + segment + " repaired after a dead writer: " +
            done);
    }

    private int recount(final int segment)
    {
        int count = 0;
        for (int b = 0; b < g.bucketsPerSegment; b++)
        {
            int slot = buffer.getInt(g.bucketsOffset + (segment * g.bucketsPerSegment + b) * Integer.BYTES);
            while (slot != NIL)
            {
                if (++count > g.totalSlots)
                {
                    throw store.corrupt("segment " + segment + " has a chain that loops");
                }
                store.checkSlot(segment, slot, "chained slot");
                slot = buffer.getInt(g.slotOffset(slot) + SLOT_NEXT_OFFSET);
            }
        }
        return count;
    }

    private void checkLink(final int segment, final int link)
    {
        final int firstBucket = segment * g.bucketsPerSegment;
        final boolean bucket = link < 0 && -1 - link >= firstBucket && -1 - link < firstBucket + g.bucketsPerSegment;
        if (!bucket && !(link >= 0 && link < g.totalSlots))
        {
            throw store.corrupt("segment " + segment + " redo record has link " + link);
        }
    }

    private boolean validSlot(final int slot)
    {
        return slot >= 0 && slot < g.totalSlots;
    }

    private int stateOf(final int slot)
    {
        return buffer.getIntVolatile(g.slotOffset(slot) + SLOT_STATE_OFFSET);
    }

    private void free(final int slot)
    {
        // Release: pairs with claim()'s CAS in other segments.
        buffer.putIntRelease(g.slotOffset(slot) + SLOT_STATE_OFFSET, SLOT_FREE);
    }
}

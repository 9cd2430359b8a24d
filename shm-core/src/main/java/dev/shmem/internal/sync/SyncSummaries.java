package dev.shmem.internal.sync;

import dev.shmem.internal.region.EntryRecord;

import org.agrona.concurrent.AtomicBuffer;

/**
 * One-line summaries of event, latch, barrier and condition entries for the inspector (reads only; the values
 * are snapshots, each read volatile).
 */
public final class SyncSummaries
{
    private SyncSummaries()
    {
    }

    /**
     * @param region the whole region buffer.
     * @param record an entry's record.
     * @return its summary, or null if it is not one of this package's entry kinds.
     */
    public static String summary(final AtomicBuffer region, final EntryRecord record)
    {
        final int offset = record.dataOffset();
        switch (record.type())
        {
            case EVENT:
            {
                final long state = region.getLongVolatile(offset + EventDescriptor.STATE_OFFSET);
                return ((state & EventDescriptor.SET_BIT) != 0 ? "set" : "clear") + ", set " +
                    (state >>> 1) + " times";
            }
            case COUNT_DOWN_LATCH:
                return "count " + Math.max(0, region.getLongVolatile(offset + CountDownLatchDescriptor.COUNT_OFFSET)) +
                    " of " + region.getLongVolatile(offset + CountDownLatchDescriptor.INITIAL_COUNT_OFFSET);
            case BARRIER:
            {
                final long state = region.getLongVolatile(offset + BarrierDescriptor.STATE_OFFSET);
                return BarrierDescriptor.arrived(state) + " of " +
                    region.getIntVolatile(offset + BarrierDescriptor.PARTIES_OFFSET) + " parties waiting, generation " +
                    BarrierDescriptor.generation(state) + (BarrierDescriptor.isBroken(state) ? ", broken" : "") +
                    ", broken by deaths " + region.getLongVolatile(offset + BarrierDescriptor.DEAD_BREAKS_OFFSET) +
                    " times";
            }
            case CONDITION:
            {
                return ConditionDescriptor.waiting(region, offset) + " waiting, " + region.getLongVolatile(offset + ConditionDescriptor.REGRANTS_OFFSET) +
                    " signals re-granted after dead waiters";
            }
            default:
                return null;
        }
    }
}

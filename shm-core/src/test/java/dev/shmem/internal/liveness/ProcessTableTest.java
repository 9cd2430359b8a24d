package dev.shmem.internal.liveness;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process table on a plain buffer: claims, releases, generations and what a stale stamp names.
 */
class ProcessTableTest
{
    private static final int SLOTS = 4;

    private final UnsafeBuffer buffer =
        new UnsafeBuffer(ByteBuffer.allocateDirect(SLOTS * ProcessTableDescriptor.SLOT_LENGTH));
    private final ProcessTable table = new ProcessTable(buffer, 0, SLOTS);

    @Test
    void aStaleStampNeverNamesTheSlotsNewOccupant()
    {
        final long first = table.attach();
        table.detach(first);
        // Someone else claims the slot: pretend a process with another pid did.
        final long second = table.attach();
        assertEquals(ProcessTable.slotOf(first), ProcessTable.slotOf(second), "the freed slot is reused");
        assertNotEquals(ProcessTable.generationOf(first), ProcessTable.generationOf(second));
        final int base = ProcessTableDescriptor.slotOffset(ProcessTable.slotOf(second));
        buffer.putLongVolatile(base + ProcessTableDescriptor.PID_OFFSET, 4_000_000_001L);
        assertEquals(4_000_000_001L, table.pidOf(second), "the current generation names the occupant");
        assertEquals(ProcessLiveness.selfPid(), table.pidOf(first),
            "the previous generation names the process that left, not the new occupant");
        assertFalse(table.isAlive(first));
    }

    @Test
    void aDeadProcessDisplacedFromItsSlotIsStillNamedByItsStamp()
    {
        final long dead = table.attach();
        final int base = ProcessTableDescriptor.slotOffset(ProcessTable.slotOf(dead));
        // The process of the stamp "dies": a pid that does not run.
        buffer.putLongVolatile(base + ProcessTableDescriptor.PID_OFFSET, 4_000_000_002L);
        for (int i = 1; i < SLOTS; i++)
        {
            table.attach();
        }
        final long taker = table.attach();
        assertEquals(ProcessTable.slotOf(dead), ProcessTable.slotOf(taker), "the dead process's slot is reclaimed");
        assertEquals(ProcessLiveness.selfPid(), table.pidOf(taker));
        assertEquals(4_000_000_002L, table.pidOf(dead), "the dead stamp names the dead pid, not the live taker");
        assertTrue(table.isAlive(taker));
        assertFalse(table.isAlive(dead));
    }

    @Test
    void aStampReusedTwiceSinceIsUnknown()
    {
        final long first = table.attach();
        table.detach(first);
        table.detach(table.attach());
        final long third = table.attach();
        assertEquals(ProcessTable.slotOf(first), ProcessTable.slotOf(third));
        assertEquals(0, table.pidOf(first));
        assertEquals(0, table.pidOf(ProcessTable.processStamp(SLOTS + 3, 1)), "out of range");
    }
}

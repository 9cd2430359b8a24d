package dev.shmem.internal.liveness;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The process table's answers for stamps of a slot that has been claimed again (issue 16.4).
 */
class ProcessTableTest
{
    private final ProcessTable table = new ProcessTable(
        new UnsafeBuffer(ByteBuffer.allocateDirect(4 * ProcessTableDescriptor.SLOT_LENGTH)), 0, 4);

    @Test
    void pidOfAStampWhoseSlotWasClaimedAgainIsUnknownNotTheNewOccupant()
    {
        final long first = table.attach();
        assertEquals(ProcessLiveness.selfPid(), table.pidOf(first));
        table.detach(first);
        final long second = table.attach();
        assertEquals(ProcessTable.slotOf(first), ProcessTable.slotOf(second), "the same slot is claimed again");
        assertNotEquals(ProcessTable.generationOf(first), ProcessTable.generationOf(second));
        assertEquals(0, table.pidOf(first), "the old stamp's process is gone; the pid there is another's");
        assertFalse(table.isAlive(first));
        assertEquals(ProcessLiveness.selfPid(), table.pidOf(second));
        assertTrue(table.isAlive(second));
    }

    @Test
    void pidOfADetachedStampIsZero()
    {
        final long stamp = table.attach();
        table.detach(stamp);
        assertEquals(0, table.pidOf(stamp));
    }
}

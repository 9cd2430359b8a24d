package dev.shmem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The semaphore conformance suites on the mapped backend, and its per-process ledger.
 */
class SharedSemaphoreTest extends SharedSemaphoreConformanceTest
{
    @Override
    protected SpaceFixture newFixture() throws Exception
    {
        return SpaceFixture.region();
    }

    @Test
    void ledgerCountsWhatThisProcessHolds() throws Exception
    {
        final SharedSemaphore s = space.semaphore("l", 5);
        s.acquire(3);
        assertEquals(3, Internals.heldByThisProcess(s));
        s.release(1);
        assertEquals(2, Internals.heldByThisProcess(s));
        s.release(4);
        assertEquals(0, Internals.heldByThisProcess(s), "never below zero");
        assertEquals(7, s.availablePermits());
    }

    @Test
    void onlyAnUnboundedSemaphoreMayStartBelowZero()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> space.boundedSemaphore("nb", -1));
        assertTrue(ex.getMessage().contains("-1") && ex.getMessage().contains("bounded"), ex.getMessage());
        assertEquals(-1, space.semaphore("nu", -1).availablePermits());
    }

    @Test
    void aRefusedBoundedReleaseLeavesTheLedgerAlone() throws Exception
    {
        final SharedSemaphore s = space.boundedSemaphore("b", 2);
        s.acquire();
        s.release();
        assertEquals(0, Internals.heldByThisProcess(s));
    }
}

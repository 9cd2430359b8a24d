package dev.shmem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lock conformance suites on the mapped backend, and what only the mapped lock reports.
 */
class SharedLockTest extends SharedLockConformanceTest
{
    @Override
    protected SpaceFixture newFixture() throws Exception
    {
        return SpaceFixture.region();
    }

    @Test
    void reportsTheOwnerPid()
    {
        final SharedLock lock = newLock(space);
        assertEquals(0, Internals.ownerPid(lock));
        lock.lock();
        try
        {
            assertEquals(ProcessHandle.current().pid(), Internals.ownerPid(lock));
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void twoHandlesOfOneJvmShareTheOwnerStamp() throws Exception
    {
        final SharedRegion region = (SharedRegion)space;
        final SharedLock first = region.lock("lock");
        try (SharedRegion again = SharedRegion.open(region.path()))
        {
            final SharedLock second = again.lock("lock");
            first.lock();
            assertTrue(second.isHeldByCurrentThread());
            second.unlock();
            assertFalse(first.isLocked());
            assertTrue(Executors.newSingleThreadExecutor().submit(() -> second.tryLock()).get());
        }
    }
}

package dev.shmem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedLockTest extends LockConformanceTest
{
    @Override
    Lock newLock(final SharedRegion region)
    {
        return region.lock("lock");
    }

    @Test
    void isNotReentrant()
    {
        final SharedLock lock = region.lock("lock");
        lock.lock();
        try
        {
            assertFalse(lock.tryLock(), "tryLock by the owner");
            final IllegalMonitorStateException ex = assertThrows(IllegalMonitorStateException.class, lock::lock);
            assertTrue(ex.getMessage().contains("not reentrant"), ex.getMessage());
            assertThrows(IllegalMonitorStateException.class, () -> lock.tryLock(1, TimeUnit.SECONDS));
            assertTrue(lock.isHeldByCurrentThread());
        }
        finally
        {
            lock.unlock();
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void reportsOwnerAndState()
    {
        final SharedLock lock = region.lock("lock");
        assertEquals("lock", lock.name());
        assertFalse(lock.isLocked());
        assertEquals(0, Internals.ownerPid(lock));
        lock.lock();
        try
        {
            assertTrue(lock.isLocked());
            assertEquals(ProcessHandle.current().pid(), Internals.ownerPid(lock));
            assertTrue(lock.isConsistent());
            assertEquals(0, lock.takeovers());
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void acquiringThroughAClosedRegionFailsClearly()
    {
        final SharedLock lock = region.lock("lock");
        region.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, lock::lock);
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
    }

    @Test
    void twoHandlesOfOneJvmShareTheOwnerStamp() throws Exception
    {
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

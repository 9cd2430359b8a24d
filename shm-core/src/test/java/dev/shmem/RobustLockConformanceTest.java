package dev.shmem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What both shm locks add to {@link java.util.concurrent.locks.Lock} on every backend: state queries, the
 * robust-mutex flag, a closed space. (Conditions have their own suite.)
 */
public abstract class RobustLockConformanceTest extends LockConformanceTest
{
    @Override
    protected abstract RobustLock newLock(SharedSpace space);

    @Test
    void reportsItsState() throws Exception
    {
        final RobustLock lock = newLock(space);
        assertFalse(lock.isLocked());
        assertFalse(lock.isHeldByCurrentThread());
        assertTrue(lock.isConsistent());
        assertEquals(0, lock.takeovers());
        lock.lock();
        try
        {
            assertTrue(lock.isLocked());
            assertTrue(lock.isHeldByCurrentThread());
            assertFalse(other.submit(lock::isHeldByCurrentThread).get());
            assertTrue(other.submit(lock::isLocked).get());
            assertTrue(lock.isConsistent());
        }
        finally
        {
            lock.unlock();
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void markConsistentNeedsTheLock()
    {
        final RobustLock lock = newLock(space);
        assertThrows(IllegalMonitorStateException.class, lock::markConsistent);
        lock.lock();
        try
        {
            lock.markConsistent();
            assertTrue(lock.isConsistent());
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void acquiringThroughAClosedSpaceFailsClearly()
    {
        final RobustLock lock = newLock(space);
        space.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, lock::lock);
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
    }
}

package dev.shmem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedLock} (not reentrant) on any backend.
 */
public abstract class SharedLockConformanceTest extends RobustLockConformanceTest
{
    @Override
    protected SharedLock newLock(final SharedSpace space)
    {
        return space.lock("lock");
    }

    @Test
    void isNotReentrant()
    {
        final SharedLock lock = newLock(space);
        assertEquals("lock", lock.name());
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
}

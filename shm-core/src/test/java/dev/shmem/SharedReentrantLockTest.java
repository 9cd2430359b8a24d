package dev.shmem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedReentrantLockTest extends LockConformanceTest
{
    @Override
    Lock newLock(final SharedRegion region)
    {
        return region.reentrantLock("rlock");
    }

    @Test
    void nestedHoldsAreCountedAndReleasedOneByOne() throws Exception
    {
        final SharedReentrantLock lock = region.reentrantLock("rlock");
        final ExecutorService other = Executors.newSingleThreadExecutor();
        try
        {
            lock.lock();
            assertTrue(lock.tryLock());
            assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
            lock.lockInterruptibly();
            assertEquals(4, lock.getHoldCount());
            for (int held = 3; held >= 1; held--)
            {
                lock.unlock();
                assertEquals(held, lock.getHoldCount());
                assertFalse(other.submit(() -> lock.tryLock()).get(), "free while still held " + held + " times");
            }
            lock.unlock();
            assertEquals(0, lock.getHoldCount());
            assertTrue(other.submit(() -> lock.tryLock()).get());
            assertEquals(0, lock.getHoldCount(), "hold count is per owner thread");
            assertThrows(IllegalMonitorStateException.class, lock::unlock);
        }
        finally
        {
            other.shutdownNow();
        }
    }

    @Test
    void sameNameAsAPlainLockIsATypeClash()
    {
        region.lock("l");
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> region.reentrantLock("l"));
        assertTrue(ex.getMessage().contains("exists as lock") && ex.getMessage().contains("reentrant lock"),
            ex.getMessage());
    }
}

package dev.shmem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SharedReentrantLock} on any backend.
 */
public abstract class SharedReentrantLockConformanceTest extends RobustLockConformanceTest
{
    @Override
    protected SharedReentrantLock newLock(final SharedSpace space)
    {
        return space.reentrantLock("rlock");
    }

    @Test
    void nestedHoldsAreCountedAndReleasedOneByOne() throws Exception
    {
        final SharedReentrantLock lock = newLock(space);
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
        other.submit(lock::unlock).get();
    }

    @Test
    void sameNameAsAPlainLockIsATypeClash()
    {
        space.lock("l");
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> space.reentrantLock("l"));
        assertTrue(ex.getMessage().contains("exists as lock") && ex.getMessage().contains("reentrant lock"),
            ex.getMessage());
    }
}

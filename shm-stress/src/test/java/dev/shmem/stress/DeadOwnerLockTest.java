package dev.shmem.stress;

import dev.shmem.SharedLock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The simulated dead owner of the takeover tests: it holds the lock, it is dead to shm-core's liveness check, and
 * a cool handle's {@code tryLock()} takes the lock over from it exactly once.
 */
class DeadOwnerLockTest
{
    @Test
    void aPlantedDeadOwnerHoldsTheLockUntilACoolHandleTakesItOver() throws Exception
    {
        final Lease<DeadOwnerLock> lease = Pools.COOLED_DEAD_OWNER_LOCKS.acquire();
        final DeadOwnerLock lock = lease.handle();
        try
        {
            assertEquals(lock.deadStamp(), lock.owner(), "the lease plants the dead owner");
            assertTrue(lock.first().isLocked());
            assertEquals(0, dev.shmem.internal.TestHook.ownerPid(lock.first()), "the dead owner's slot has no pid");
            final long before = lock.first().takeovers();
            while (!lease.isCool())
            {
                Thread.sleep(10);
            }
            final ExecutorService actors = Executors.newFixedThreadPool(2);
            try
            {
                final CountDownLatch start = new CountDownLatch(1);
                final Future<Boolean> first = actors.submit(() -> attempt(start, lock.first()));
                final Future<Boolean> second = actors.submit(() -> attempt(start, lock.second()));
                start.countDown();
                final boolean firstWon = first.get(10, TimeUnit.SECONDS);
                final boolean secondWon = second.get(10, TimeUnit.SECONDS);
                assertNotEquals(firstWon, secondWon, "exactly one takes the lock over");
            }
            finally
            {
                actors.shutdownNow();
            }
            assertEquals(before + 1, lock.first().takeovers());
            assertEquals(0, lock.owner(), "the taker unlocked");
            assertTrue(lock.first().isConsistent(), "the taker marked it consistent");
        }
        finally
        {
            lease.release();
        }
    }

    @Test
    void aWarmHandleDoesNotCheckLivenessButAWaitDoes() throws InterruptedException
    {
        final Lease<DeadOwnerLock> lease = Pools.DEAD_OWNER_LOCKS.acquire();
        final DeadOwnerLock lock = lease.handle();
        final SharedLock fresh = lock.first();
        try
        {
            // The handles may be cool already (reused), so make the first one warm: a failed tryLock whose
            // liveness check is due takes over; the very next one cannot check again.
            if (fresh.tryLock())
            {
                fresh.markConsistent();
                fresh.unlock();
                lock.plantDeadOwner();
            }
            assertFalse(fresh.tryLock(), "a handle checks the owner's liveness at most every 100 ms");
            final long start = System.nanoTime();
            assertTrue(lock.second().tryLock(2, TimeUnit.SECONDS), "a waiter takes the lock over");
            final Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertFalse(lock.second().isConsistent());
            lock.second().markConsistent();
            lock.second().unlock();
            assertTrue(waited.toMillis() < 1000, "took over after " + waited.toMillis() + " ms");
        }
        finally
        {
            lease.release();
        }
    }

    private static boolean attempt(final CountDownLatch start, final SharedLock handle) throws InterruptedException
    {
        start.await();
        if (!handle.tryLock())
        {
            return false;
        }
        try
        {
            if (!handle.isConsistent())
            {
                handle.markConsistent();
                return true;
            }
            return false;
        }
        finally
        {
            handle.unlock();
        }
    }
}

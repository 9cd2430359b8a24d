package dev.shmem;

import dev.shmem.inspect.RegionInspector;
import dev.shmem.inspect.RegionSnapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the mapped backend's events, latches, barriers and conditions do beyond the conformance suites: names,
 * reuse by name from other handles, bad arguments, capacity, closing, the inspector's summaries.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedSyncTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void aNamedConditionIsTheSameThroughEveryHandleAndNewConditionNamesAreUnique() throws Exception
    {
        final Path path = dir.resolve("names.shm");
        final ExecutorService other = Executors.newSingleThreadExecutor();
        try (SharedRegion a = SharedRegion.create(path, 1 << 20); SharedRegion b = SharedRegion.open(path))
        {
            final SharedLock lockA = a.lock("l");
            final SharedLock lockB = b.lock("l");
            final SharedCondition condA = lockA.newCondition("ready");
            final SharedCondition condB = lockB.newCondition("ready");
            assertEquals("ready", condA.name());
            final Future<Boolean> waiter = other.submit(() ->
            {
                lockA.lock();
                try
                {
                    return condA.await(30, TimeUnit.SECONDS);
                }
                finally
                {
                    lockA.unlock();
                }
            });
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Internals.waiters(condB) == 0)
            {
                assertTrue(System.nanoTime() < deadline, "no waiter");
                Thread.sleep(1);
            }
            lockB.lock();
            try
            {
                condB.signal();
            }
            finally
            {
                lockB.unlock();
            }
            assertTrue(waiter.get(10, TimeUnit.SECONDS), "signalled through the other handle");
            final Set<String> names = new HashSet<>();
            for (int i = 0; i < 10; i++)
            {
                names.add(lockA.newCondition().name());
            }
            assertEquals(10, names.size());
            assertNotEquals(lockA.newCondition().name(), lockB.newCondition().name());
        }
        finally
        {
            other.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() throws Exception
    {
        try (SharedRegion region = SharedRegion.create(dir.resolve("bad.shm"), 1 << 20))
        {
            final IllegalArgumentException parties = assertThrows(IllegalArgumentException.class,
                () -> region.barrier("b", 0));
            assertTrue(parties.getMessage().contains("parties 0"), parties.getMessage());
            final IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> region.countDownLatch("c", -1));
            assertTrue(count.getMessage().contains("count -1"), count.getMessage());
            final SharedLock lock = region.lock("x".repeat(100));
            final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> lock.newCondition("y".repeat(30)));
            assertTrue(tooLong.getMessage().contains("expected at most 127"), tooLong.getMessage());
            assertThrows(IllegalArgumentException.class, () -> region.lock("l").newCondition(""));
        }
    }

    @Test
    void existingEntriesKeepTheirKindAndParties() throws Exception
    {
        try (SharedRegion region = SharedRegion.create(dir.resolve("kinds.shm"), 1 << 20))
        {
            region.barrier("b", 3);
            assertEquals(3, region.barrier("b", 3).getParties());
            final IllegalStateException parties = assertThrows(IllegalStateException.class,
                () -> region.barrier("b", 4));
            assertTrue(parties.getMessage().contains("barrier of 3 parties"), parties.getMessage());
            region.countDownLatch("c", 2).countDown();
            assertEquals(1, region.countDownLatch("c", 5).getCount(), "the count is used only at creation");
            assertThrows(IllegalStateException.class, () -> region.event("c"));
            region.longValue("l/c");
            assertThrows(IllegalStateException.class, () -> region.lock("l").newCondition("c"));
        }
    }

    @Test
    void aConditionHoldsAtMost64WaitersAtOnce() throws Exception
    {
        final ExecutorService threads = Executors.newCachedThreadPool();
        try (SharedRegion region = SharedRegion.create(dir.resolve("full.shm"), 1 << 20))
        {
            final SharedReentrantLock lock = region.reentrantLock("l");
            final SharedCondition cond = lock.newCondition("c");
            for (int i = 0; i < 64; i++)
            {
                threads.submit(() ->
                {
                    lock.lock();
                    try
                    {
                        cond.await(30, TimeUnit.SECONDS);
                    }
                    finally
                    {
                        lock.unlock();
                    }
                    return null;
                });
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Internals.waiters(cond) < 64)
            {
                assertTrue(System.nanoTime() < deadline, "waiters: " + Internals.waiters(cond));
                Thread.sleep(5);
            }
            lock.lock();
            try
            {
                final IllegalStateException full = assertThrows(IllegalStateException.class,
                    () -> cond.await(1, TimeUnit.SECONDS));
                assertTrue(full.getMessage().contains("already has 64 waiting threads"), full.getMessage());
                assertTrue(lock.isHeldByCurrentThread(), "the lock is still held");
                cond.signalAll();
            }
            finally
            {
                lock.unlock();
            }
        }
        finally
        {
            threads.shutdownNow();
        }
    }

    @Test
    void aClosedRegionRefusesTheVerbs() throws Exception
    {
        final SharedRegion region = SharedRegion.create(dir.resolve("closed.shm"), 1 << 20);
        final SharedEvent event = region.event("e");
        final SharedBarrier barrier = region.barrier("b", 2);
        final SharedCountDownLatch latch = region.countDownLatch("c", 1);
        final SharedLock lock = region.lock("l");
        region.close();
        assertThrows(IllegalStateException.class, event::set);
        assertThrows(IllegalStateException.class, barrier::await);
        assertThrows(IllegalStateException.class, latch::countDown);
        assertThrows(IllegalStateException.class, () -> lock.newCondition("c"));
        assertThrows(IllegalStateException.class, () -> region.event("e2"));
    }

    @Test
    void theInspectorSummarisesEachKind() throws Exception
    {
        final Path path = dir.resolve("inspect.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            region.event("e").set();
            region.countDownLatch("c", 3).countDown();
            region.barrier("b", 2);
            region.lock("l").newCondition("ready");
            try (RegionInspector inspector = RegionInspector.open(path))
            {
                final Map<String, String> summaries = inspector.snapshot().entries().stream()
                    .collect(Collectors.toMap(RegionSnapshot.Entry::name, RegionSnapshot.Entry::summary));
                assertEquals("set, set 1 times", summaries.get("e"));
                assertEquals("count 2 of 3", summaries.get("c"));
                assertEquals("0 of 2 parties waiting, generation 0, broken by deaths 0 times", summaries.get("b"));
                assertEquals("0 waiting, 0 signals re-granted after dead waiters", summaries.get("l/ready"));
            }
        }
    }

    @Test
    void aConditionOfANonReentrantLockReleasesAndRetakesIt() throws Exception
    {
        try (SharedRegion region = SharedRegion.create(dir.resolve("plain.shm"), 1 << 20))
        {
            final SharedLock lock = region.lock("l");
            final SharedCondition cond = lock.newCondition();
            lock.lock();
            try
            {
                assertFalse(cond.await(20, TimeUnit.MILLISECONDS));
                assertTrue(lock.isHeldByCurrentThread());
            }
            finally
            {
                lock.unlock();
            }
            assertFalse(lock.isLocked());
            assertThrows(IllegalMonitorStateException.class, cond::signal);
        }
    }
}

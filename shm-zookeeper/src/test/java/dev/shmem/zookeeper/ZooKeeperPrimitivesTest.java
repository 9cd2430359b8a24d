package dev.shmem.zookeeper;

import dev.shmem.RobustLock;
import dev.shmem.SharedBarrier;
import dev.shmem.SharedCondition;
import dev.shmem.SharedCountDownLatch;
import dev.shmem.SharedEvent;
import dev.shmem.SharedLong;
import dev.shmem.SharedMap;
import dev.shmem.SharedReentrantLock;
import dev.shmem.SharedSemaphore;
import dev.shmem.SharedSpace;
import dev.shmem.SpaceConformance;
import dev.shmem.SpaceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The primitives whose backend-neutral suites are still being written in shm-core (conditions, map, event, latch,
 * barrier), and the semaphore's negative initial permits, on {@link ZooKeeperSpace}. When those suites land, this
 * class shrinks to what only ZooKeeper does.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZooKeeperPrimitivesTest extends SpaceConformance
{
    @Override
    protected SpaceFixture newFixture()
    {
        return TestZooKeeper.fixture();
    }

    private RobustLock newLock(final SharedSpace space)
    {
        return space.reentrantLock("rlock");
    }

    @Test
    void conditionsAreNamedAndWakeAWaiter() throws Exception
    {
        final RobustLock lock = newLock(space);
        final SharedCondition anonymous = lock.newCondition();
        assertNotEquals(anonymous.name(), lock.newCondition().name(), "each newCondition() is distinct");
        final SharedCondition ready = lock.newCondition("ready");
        assertEquals("ready", ready.name());
        assertThrows(IllegalMonitorStateException.class, ready::signal, "signal without the lock");
        final SharedLong state = space.longValue("state");
        final var waiter = other.submit(() ->
        {
            lock.lock();
            try
            {
                while (state.get() == 0)
                {
                    if (!ready.await(30, TimeUnit.SECONDS))
                    {
                        return false;
                    }
                }
                return lock.isHeldByCurrentThread();
            }
            finally
            {
                lock.unlock();
            }
        });
        // Wait until the waiter is parked in await (it released the lock), then signal under the lock.
        boolean signalled = false;
        for (int i = 0; i < 3000 && !waiter.isDone(); i++)
        {
            if (lock.tryLock(10, TimeUnit.MILLISECONDS))
            {
                try
                {
                    state.set(1);
                    ready.signalAll();
                    signalled = true;
                }
                finally
                {
                    lock.unlock();
                }
                break;
            }
        }
        assertTrue(signalled, "never got the lock to signal");
        assertTrue(waiter.get(60, TimeUnit.SECONDS), "the waiter holds the lock again when await returns");
    }

    @Test
    void timedAwaitReturnsFalseAndHoldsTheLockAgain() throws Exception
    {
        final RobustLock lock = newLock(space);
        final SharedCondition never = lock.newCondition("never");
        lock.lock();
        try
        {
            final long start = System.nanoTime();
            assertFalse(never.await(100, TimeUnit.MILLISECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
            assertTrue(lock.isHeldByCurrentThread());
        }
        finally
        {
            lock.unlock();
        }
    }

    @Test
    void awaitReleasesEveryHoldAndRestoresThem() throws Exception
    {
        final SharedReentrantLock lock = space.reentrantLock("rlock");
        final SharedCondition c = lock.newCondition("c");
        lock.lock();
        lock.lock();
        try
        {
            assertFalse(c.await(50, TimeUnit.MILLISECONDS));
            assertEquals(2, lock.getHoldCount());
        }
        finally
        {
            lock.unlock();
            lock.unlock();
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void negativeInitialPermitsNeedReleasesFirst() throws Exception
    {
        final SharedSemaphore s = space.semaphore("n", -1);
        assertEquals(-1, s.availablePermits());
        assertFalse(s.tryAcquire());
        s.release(2);
        assertTrue(s.tryAcquire());
        assertEquals(0, s.availablePermits());
    }

    @Test
    void mapIsAConcurrentMapAcrossHandles() throws Exception
    {
        final SharedMap<String, Long> m = space.map("m", String.class, Long.class, 3, 64);
        assertNull(m.put("a", 1L));
        assertEquals(1L, m.put("a", 2L));
        assertEquals(2L, m.putIfAbsent("a", 9L));
        assertNull(m.putIfAbsent("b", 3L));
        assertEquals(2, m.size());
        assertTrue(m.replace("b", 3L, 4L));
        assertFalse(m.replace("b", 3L, 5L));
        assertFalse(m.remove("b", 3L));
        assertEquals(5L, m.merge("b", 1L, Long::sum));
        assertEquals(Map.of("a", 2L, "b", 5L), Map.copyOf(m));
        m.put("c", 0L);
        final IllegalStateException full = assertThrows(IllegalStateException.class, () -> m.put("d", 0L));
        assertTrue(full.getMessage().contains("3 entries"), full.getMessage());
        final IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
            () -> m.put("x".repeat(60), 1L));
        assertTrue(tooLong.getMessage().contains("68 bytes") && tooLong.getMessage().contains("64 bytes"),
            tooLong.getMessage());
        assertEquals(2L, m.remove("a"));
        assertFalse(m.containsKey("a"));
        assertThrows(NullPointerException.class, () -> m.put(null, 1L));
        assertThrows(IllegalStateException.class, () -> space.map("m", String.class, String.class, 3, 64));
        final SharedMap<String, byte[]> bytes = space.map("bytes", String.class, byte[].class, 10, 64);
        bytes.put("k", new byte[]{ 1, 2 });
        assertTrue(bytes.remove("k", new byte[]{ 1, 2 }), "byte[] values compare by content");
        final SharedMap<Integer, Point> points = space.map("points", Integer.class, Point.class, 10, 512);
        points.put(1, new Point(3, 4));
        assertEquals(new Point(3, 4), points.get(1));
        m.clear();
        assertTrue(m.isEmpty());
    }

    /** A Serializable value. */
    record Point(int x, int y) implements Serializable
    {
    }

    @Test
    void mapComputeIsAtomicAcrossThreads() throws Exception
    {
        final SharedMap<String, Long> m = space.map("counts", String.class, Long.class, 10, 64);
        final int rounds = 25;
        concurrently(4, () ->
        {
            for (int i = 0; i < rounds; i++)
            {
                m.merge("k", 1L, Long::sum);
            }
        });
        assertEquals(4L * rounds, m.get("k"));
    }

    @Test
    void eventWakesWaitersAndStaysSetUntilCleared() throws Exception
    {
        final SharedEvent e = space.event("e");
        assertFalse(e.isSet());
        assertFalse(e.await(50, TimeUnit.MILLISECONDS));
        final Future<Boolean> waiter = other.submit(() -> e.await(30, TimeUnit.SECONDS));
        e.set();
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
        assertTrue(e.isSet());
        e.await();
        e.clear();
        assertFalse(e.isSet());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, e::await);
    }

    @Test
    void latchOpensAtZeroAndStaysOpen() throws Exception
    {
        final SharedCountDownLatch latch = space.countDownLatch("l", 2);
        assertEquals(2, latch.getCount());
        assertEquals(2, space.countDownLatch("l", 5).getCount(), "count used only on creation");
        final Future<Boolean> waiter = other.submit(() -> latch.await(30, TimeUnit.SECONDS));
        latch.countDown();
        assertFalse(latch.await(50, TimeUnit.MILLISECONDS));
        latch.countDown();
        assertTrue(waiter.get(30, TimeUnit.SECONDS));
        latch.countDown();
        assertEquals(0, latch.getCount());
        latch.await();
    }

    @Test
    void barrierTripsBreaksOnTimeoutAndResets() throws Exception
    {
        final SharedBarrier b = space.barrier("b", 2);
        assertEquals(2, b.getParties());
        final Future<Integer> first = other.submit(() -> b.await(30, TimeUnit.SECONDS));
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (b.getNumberWaiting() == 0 && System.nanoTime() < until)
        {
            Thread.sleep(5);
        }
        assertEquals(1, b.getNumberWaiting());
        assertEquals(0, b.await(30, TimeUnit.SECONDS), "the last to arrive gets 0");
        assertEquals(1, first.get(30, TimeUnit.SECONDS));
        assertThrows(TimeoutException.class, () -> b.await(50, TimeUnit.MILLISECONDS));
        assertTrue(b.isBroken());
        assertThrows(BrokenBarrierException.class, b::await);
        b.reset();
        assertFalse(b.isBroken());
        final Future<Integer> again = other.submit(() -> b.await(30, TimeUnit.SECONDS));
        assertTrue(b.await(30, TimeUnit.SECONDS) >= 0);
        assertTrue(again.get(30, TimeUnit.SECONDS) >= 0);
        assertThrows(IllegalStateException.class, () -> space.barrier("b", 3));
    }

    @Test
    void valuesReachedThroughTwoSpacesAgree()
    {
        try (ZooKeeperSpace second = TestZooKeeper.connect(TestZooKeeper.server().getConnectString(),
            ((ZooKeeperSpace)space).rootPath()))
        {
            final SharedLong a = space.longValue("shared");
            final SharedLong b = second.longValue("shared");
            a.set(41);
            assertEquals(42, b.incrementAndGet());
            assertEquals(42, a.get());
            assertArrayEquals(new long[]{ 0, 7 }, withSet(second));
            assertNotEquals(space, second);
        }
    }

    private long[] withSet(final SharedSpace second)
    {
        space.longArray("arr", 2).set(1, 7);
        return second.longArray("arr", 2).toArray();
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedLock;
import dev.shmem.SharedSemaphore;
import dev.shmem.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real JVMs on one ZooKeeper server: exact increments, mutual exclusion, and kill -9 of a lock holder and of a
 * permit holder, recovered within the session timeout plus a second.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ZooKeeperCrossProcessTest
{
    private static final int JVMS = 4;
    private static final long RECOVERY_LIMIT_MILLIS = TestZooKeeper.SESSION_TIMEOUT.toMillis() + 1_000;

    private final String connect = TestZooKeeper.server().getConnectString();
    private final String root = TestZooKeeper.freshRoot();

    @Test
    void fourJvmsOfTwoThousandIncrementsEachAreExact() throws Exception
    {
        final long start = System.nanoTime();
        ZkChildren.awaitAll(ZkChildren.startMany(JVMS, ZkChildren.Increments.class, connect, root, "2000"),
            Duration.ofSeconds(150));
        final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        try (ZooKeeperSpace space = TestZooKeeper.connect(connect, root))
        {
            assertEquals(JVMS * 2000L, space.longValue("counter").get());
        }
        System.out.printf("zookeeper: %d increments from %d JVMs in %d ms (incl. JVM start)%n", JVMS * 2000, JVMS,
            millis);
    }

    @Test
    void fourJvmsNeverOverlapUnderTheLock() throws Exception
    {
        ZkChildren.awaitAll(ZkChildren.startMany(JVMS, ZkChildren.LockedIncrements.class, connect, root, "25"),
            Duration.ofSeconds(150));
        try (ZooKeeperSpace space = TestZooKeeper.connect(connect, root))
        {
            assertEquals(JVMS * 25L, space.longValue("locked").get());
            assertEquals(0, space.longValue("inside").get());
            assertTrue(space.lock("lock").isConsistent());
        }
    }

    @Test
    void aKilledLockHolderIsTakenOverWithinTheSessionTimeoutAndFlagged() throws Exception
    {
        try (ZooKeeperSpace space = TestZooKeeper.connect(connect, root);
            ChildJvm holder = ZkChildren.start(ZkChildren.HoldLock.class, connect, root))
        {
            ZkChildren.awaitReady(space.longValue("ready"), holder);
            final SharedLock lock = space.lock("lock");
            assertFalse(lock.tryLock());
            assertTrue(lock.isLocked());
            holder.kill();
            final long killed = System.nanoTime();
            assertTrue(lock.tryLock(30, TimeUnit.SECONDS), "never taken over");
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            try
            {
                System.out.printf("zookeeper: lock taken over %d ms after kill -9 (session timeout %d ms)%n",
                    millis, TestZooKeeper.SESSION_TIMEOUT.toMillis());
                assertTrue(millis <= RECOVERY_LIMIT_MILLIS, "took " + millis + " ms");
                assertFalse(lock.isConsistent(), "a takeover must be flagged");
                assertEquals(1, lock.takeovers());
                lock.markConsistent();
                assertTrue(lock.isConsistent());
            }
            finally
            {
                lock.unlock();
            }
            assertTrue(lock.tryLock());
            assertTrue(lock.isConsistent(), "a clean unlock leaves it consistent");
            lock.unlock();
        }
    }

    @Test
    void aKilledPermitHoldersPermitsComeBackWithinTheSessionTimeout() throws Exception
    {
        try (ZooKeeperSpace space = TestZooKeeper.connect(connect, root);
            ChildJvm holder = ZkChildren.start(ZkChildren.HoldPermits.class, connect, root))
        {
            ZkChildren.awaitReady(space.longValue("ready"), holder);
            final SharedSemaphore permits = space.semaphore("permits", 2);
            assertEquals(0, permits.availablePermits());
            holder.kill();
            final long killed = System.nanoTime();
            assertTrue(permits.tryAcquire(2, 30, TimeUnit.SECONDS), "permits never came back");
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
            System.out.printf("zookeeper: 2 permits back %d ms after kill -9 (session timeout %d ms)%n",
                millis, TestZooKeeper.SESSION_TIMEOUT.toMillis());
            assertTrue(millis <= RECOVERY_LIMIT_MILLIS, "took " + millis + " ms");
            permits.release(2);
            assertEquals(2, permits.availablePermits(), "returned once, not twice");
        }
    }

    @Test
    void closingASpaceReturnsItsPermitsAndReleasesItsLocks() throws Exception
    {
        try (ZooKeeperSpace space = TestZooKeeper.connect(connect, root))
        {
            final SharedSemaphore permits = space.semaphore("closing", 1);
            final ZooKeeperSpace leaving = TestZooKeeper.connect(connect, root);
            leaving.semaphore("closing", 1).acquire();
            leaving.lock("closing.lock").lock();
            assertFalse(permits.tryAcquire());
            leaving.close();
            assertTrue(permits.tryAcquire(5, TimeUnit.SECONDS));
            assertTrue(space.lock("closing.lock").tryLock(5, TimeUnit.SECONDS));
            List.of(space.lock("closing.lock")).forEach(SharedLock::unlock);
        }
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedLock;
import dev.shmem.SharedReentrantLock;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lock holder whose server goes away mid-hold: it must stop believing it holds the lock (SUSPENDED revokes the
 * hold), {@code unlock()} says so, and once the server is back the lock is usable again, flagged inconsistent.
 * Each test has its own server, since it stops it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ZooKeeperConnectionLossTest
{
    private TestingServer server;

    @BeforeEach
    void startServer() throws Exception
    {
        server = new TestingServer(TestZooKeeper.spec(-1), true);
    }

    @AfterEach
    void stopServer() throws Exception
    {
        server.close();
    }

    @Test
    void aHolderWhoseServerStopsNoLongerHoldsTheLock() throws Exception
    {
        revokedOnConnectionLoss(false);
    }

    @Test
    void aReentrantHolderWhoseServerStopsNoLongerHoldsTheLock() throws Exception
    {
        revokedOnConnectionLoss(true);
    }

    private void revokedOnConnectionLoss(final boolean reentrant) throws Exception
    {
        final String root = TestZooKeeper.freshRoot();
        try (ZooKeeperSpace holderSpace = TestZooKeeper.connect(server.getConnectString(), root))
        {
            final dev.shmem.RobustLock lock = reentrant ?
                holderSpace.reentrantLock("lock") : holderSpace.lock("lock");
            lock.lock();
            assertTrue(lock.isHeldByCurrentThread());
            final long t0 = System.nanoTime();
            server.stop();
            assertTrue(eventually(() -> !lock.isHeldByCurrentThread(), 15_000),
                "still believes it holds the lock with the server down");
            final long t1 = System.nanoTime();
            final IllegalMonitorStateException ex = assertThrows(IllegalMonitorStateException.class, lock::unlock);
            final long t2 = System.nanoTime();
            assertTrue(ex.getMessage().contains("revoked"), ex.getMessage());
            server.restart();
            try (ZooKeeperSpace next = TestZooKeeper.connect(server.getConnectString(), root))
            {
                final dev.shmem.RobustLock again = reentrant ? next.reentrantLock("lock") : next.lock("lock");
                assertTrue(again.tryLock(30, TimeUnit.SECONDS), "the lock never became free again");
                System.out.printf("connection loss: revoked %d ms after stop, unlock took %d ms, next owner after %d ms%n",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
                try
                {
                    assertFalse(again.isConsistent(), "an interrupted critical section must be flagged");
                    again.markConsistent();
                }
                finally
                {
                    again.unlock();
                }
            }
            assertTrue(eventually(() -> reacquires(lock), 30_000), "the first space cannot take the lock again");
        }
    }

    private static boolean reacquires(final dev.shmem.RobustLock lock)
    {
        try
        {
            if (lock.tryLock(1, TimeUnit.SECONDS))
            {
                lock.unlock();
                return true;
            }
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (final IllegalStateException stillReconnecting)
        {
            return false;
        }
    }

    @Test
    void typesAreTheOnesTheTestsUse()
    {
        assertTrue(SharedLock.class.isAssignableFrom(ZkMutexLock.class));
        assertTrue(SharedReentrantLock.class.isAssignableFrom(ZkReentrantLock.class));
    }

    private static boolean eventually(final BooleanSupplier condition, final long millis) throws InterruptedException
    {
        final long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until)
        {
            if (condition.getAsBoolean())
            {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}

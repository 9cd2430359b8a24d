package dev.shmem.zookeeper;

import dev.shmem.SharedLong;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingZooKeeperServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A three-server ensemble whose leader is stopped mid-run, under three clients (each its own space and session)
 * that increment a counter and take a lock: no increment is lost or applied twice, and the lock is never held by
 * two at once (checked in this JVM, where all holders are).
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ZooKeeperClusterTest
{
    private static final int CLIENTS = 3;
    private static final int ROUNDS = 150;

    @Test
    void stoppingTheLeaderMidRunLosesNoIncrementAndNeverDoublesTheLock() throws Exception
    {
        run(false);
    }

    private void run(final boolean reentrant) throws Exception
    {
        final List<InstanceSpec> specs = new ArrayList<>();
        for (int i = 1; i <= 3; i++)
        {
            // A 500 ms tick lets sessions last up to 10 s (20 ticks), longer than a re-election.
            specs.add(new InstanceSpec(null, -1, -1, -1, true, i, 500, -1));
        }
        System.setProperty("zookeeper.4lw.commands.whitelist", "srvr");
        try (TestingCluster cluster = new TestingCluster(specs))
        {
            cluster.start();
            final String root = TestZooKeeper.freshRoot();
            final AtomicInteger inside = new AtomicInteger();
            final AtomicInteger overlaps = new AtomicInteger();
            final AtomicLong revoked = new AtomicLong();
            final AtomicInteger progress = new AtomicInteger();
            final List<ZooKeeperSpace> spaces = new ArrayList<>();
            final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            try
            {
                for (int c = 0; c < CLIENTS; c++)
                {
                    // Sessions outlive a re-election (a few seconds), so holds survive it; retries outlast it. (With
                    // sessions shorter than the election, a holder's session may expire while its critical
                    // section still runs: the next owner then overlaps it. No lease-based lock can prevent that;
                    // docs/GUARANTEES.md says so.)
                    spaces.add(ZooKeeperSpace.builder().connectString(cluster.getConnectString()).rootPath(root)
                        .sessionTimeout(Duration.ofSeconds(8)).connectionTimeout(Duration.ofSeconds(30))
                        .retryPolicy(new ExponentialBackoffRetry(100, 10)).build());
                }
                final TestingZooKeeperServer leader = leader(cluster);
                assertNotNull(leader, "no leader");
                final List<Future<?>> done = new ArrayList<>();
                for (final ZooKeeperSpace space : spaces)
                {
                    done.add(pool.submit(() ->
                    {
                        final SharedLong counter = space.longValue("counter");
                        final SharedLong guarded = space.longValue("guarded");
                        final java.util.concurrent.locks.Lock lock = reentrant ?
                            space.reentrantLock("rlock") : space.lock("lock");
                        for (int r = 0; r < ROUNDS; r++)
                        {
                            counter.incrementAndGet();
                            lock.lock();
                            try
                            {
                                if (inside.incrementAndGet() != 1)
                                {
                                    overlaps.incrementAndGet();
                                }
                                guarded.set(guarded.getPlain() + 1);
                                inside.decrementAndGet();
                            }
                            finally
                            {
                                try
                                {
                                    lock.unlock();
                                }
                                catch (final IllegalMonitorStateException lostWithTheLeader)
                                {
                                    revoked.incrementAndGet();
                                }
                            }
                            progress.incrementAndGet();
                        }
                        return null;
                    }));
                }
                while (progress.get() < CLIENTS * ROUNDS / 3)
                {
                    Thread.sleep(10);
                }
                final long stopped = System.nanoTime();
                final int atStop = progress.get();
                leader.stop();
                for (final Future<?> f : done)
                {
                    f.get(120, TimeUnit.SECONDS);
                }
                final int stoppedAt = atStop;
                assertTrue(stoppedAt < CLIENTS * ROUNDS, "the leader was stopped after the run");
                System.out.printf((reentrant ? "reentrant " : "") + "cluster: leader stopped at %d of %d rounds; %d holds revoked by the connection " +
                    "loss; run finished %d ms later%n", stoppedAt, CLIENTS * ROUNDS, revoked.get(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
                final SharedLong counter = spaces.get(0).longValue("counter");
                assertEquals((long)CLIENTS * ROUNDS, counter.get(), "lost or doubled increments");
                assertEquals(0, overlaps.get(), "the lock was held by two");
                assertTrue(spaces.get(0).longValue("guarded").get() >= (long)CLIENTS * ROUNDS - revoked.get());
            }
            finally
            {
                pool.shutdownNow();
                spaces.forEach(ZooKeeperSpace::close);
            }
        }
    }

    /** The server whose {@code srvr} four-letter answer says "Mode: leader". */
    private static TestingZooKeeperServer leader(final TestingCluster cluster) throws java.io.IOException
    {
        for (final TestingZooKeeperServer server : cluster.getServers())
        {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.getInstanceSpec().getPort()))
            {
                socket.getOutputStream().write("srvr".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                final String answer = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII);
                if (answer.contains("Mode: leader"))
                {
                    return server;
                }
            }
        }
        return null;
    }
}

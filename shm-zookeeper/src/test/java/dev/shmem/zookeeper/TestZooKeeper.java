package dev.shmem.zookeeper;

import dev.shmem.SharedSpace;
import dev.shmem.SpaceFixture;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-process ZooKeeper server for every test of this JVM (started on first use, about a second), with a tick
 * of 100 ms so that sessions may be as short as 200 ms; and fixtures that give each test a fresh root path on it.
 */
public final class TestZooKeeper
{
    /** Session timeout of the tests' spaces: short, so that dead holders are detected in seconds. */
    static final Duration SESSION_TIMEOUT = Duration.ofMillis(2000);
    static final int TICK_MS = 100;

    private static final AtomicInteger ROOTS = new AtomicInteger();
    private static TestingServer server;

    private TestZooKeeper()
    {
    }

    public static synchronized TestingServer server()
    {
        if (server == null)
        {
            try
            {
                server = new TestingServer(spec(-1), true);
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException("cannot start the test ZooKeeper server: " + ex, ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
            {
                try
                {
                    server.close();
                }
                catch (final java.io.IOException ignored)
                {
                    assert ignored != null;
                }
            }));
        }
        return server;
    }

    /**
     * @param port a port, or -1 for a free one.
     * @return a server spec with a short tick.
     */
    static InstanceSpec spec(final int port)
    {
        return new InstanceSpec(null, port, -1, -1, true, -1, TICK_MS, -1);
    }

    /**
     * @return a root path no other test uses.
     */
    public static String freshRoot()
    {
        return "/shm-test-" + ProcessHandle.current().pid() + "-" + ROOTS.incrementAndGet();
    }

    /**
     * @param connectString the ensemble.
     * @param root          the root path.
     * @return a space with the tests' short session timeout.
     */
    public static ZooKeeperSpace connect(final String connectString, final String root)
    {
        return ZooKeeperSpace.builder().connectString(connectString).rootPath(root)
            .sessionTimeout(SESSION_TIMEOUT).connectionTimeout(Duration.ofSeconds(10))
            .retryPolicy(new ExponentialBackoffRetry(50, 8)).build();
    }

    /**
     * @return a fixture: a fresh space on the shared server; contended counts cut 1000-fold (ZooKeeper commits a
     * few thousand writes per second where the mapped file does millions).
     */
    static SpaceFixture fixture()
    {
        final ZooKeeperSpace space = connect(server().getConnectString(), freshRoot());
        return new SpaceFixture()
        {
            @Override
            public SharedSpace space()
            {
                return space;
            }

            @Override
            public int scaled(final int mappedCount)
            {
                return Math.max(10, mappedCount / 1000);
            }

            @Override
            public void close()
            {
                space.close();
            }
        };
    }
}

package dev.shmem.demo.counter;

import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

import java.io.IOException;

/**
 * A real, single ZooKeeper server in this JVM on a free loopback port, for {@code counter-race --backend zookeeper}
 * without {@code --zookeeper}; its data lives in a temporary directory removed on close.
 *
 * <p>It is Curator's {@link TestingServer} (ZooKeeper's own {@code ZooKeeperServerMain} in a thread). ZooKeeper
 * 3.9.3's {@code ZooKeeperServerEmbedded}, and a bare {@code ZooKeeperServer} behind a {@code ServerCnxnFactory},
 * were tried first: on this machine neither finished starting (the calling thread ended silently, the client port
 * never answered).
 */
final class EmbeddedZooKeeper implements AutoCloseable
{
    private static final int TICK_MILLIS = 500;

    private final TestingServer server;

    EmbeddedZooKeeper() throws Exception
    {
        server = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, TICK_MILLIS, -1), true);
    }

    String connectString()
    {
        return server.getConnectString();
    }

    @Override
    public void close() throws IOException
    {
        server.close();
    }
}

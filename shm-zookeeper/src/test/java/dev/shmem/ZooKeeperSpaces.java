package dev.shmem;

import dev.shmem.zookeeper.TestZooKeeper;

/**
 * shm-core's package-private conformance bases (map, condition, barrier, event, latch) reached from this module's
 * tests: the same package, on the class path.
 */
final class ZooKeeperSpaces
{
    private ZooKeeperSpaces()
    {
    }

    /**
     * @return an extension opening a fresh root on the shared in-process ZooKeeper server.
     */
    static SpaceExtension extension()
    {
        return SpaceExtension.of(dir -> TestZooKeeper.connect(TestZooKeeper.server().getConnectString(),
            TestZooKeeper.freshRoot()));
    }
}

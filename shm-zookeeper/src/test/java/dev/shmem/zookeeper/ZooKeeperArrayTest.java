package dev.shmem.zookeeper;

import dev.shmem.ArrayConformanceTest;
import dev.shmem.SpaceFixture;

/**
 * shm-core's array conformance suite on {@link ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperArrayTest extends ArrayConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return TestZooKeeper.fixture();
    }
}

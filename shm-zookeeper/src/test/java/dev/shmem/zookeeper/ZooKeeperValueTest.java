package dev.shmem.zookeeper;

import dev.shmem.ValueConformanceTest;
import dev.shmem.SpaceFixture;

/**
 * shm-core's value conformance suite on {@link ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperValueTest extends ValueConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return TestZooKeeper.fixture();
    }
}

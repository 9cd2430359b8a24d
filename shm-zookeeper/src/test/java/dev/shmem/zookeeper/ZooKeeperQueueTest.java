package dev.shmem.zookeeper;

import dev.shmem.QueueConformanceTest;
import dev.shmem.SpaceFixture;

/**
 * shm-core's queue conformance suite on {@link ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperQueueTest extends QueueConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return TestZooKeeper.fixture();
    }
}

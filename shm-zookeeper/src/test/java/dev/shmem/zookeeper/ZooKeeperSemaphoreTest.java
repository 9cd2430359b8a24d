package dev.shmem.zookeeper;

import dev.shmem.SharedSemaphoreConformanceTest;
import dev.shmem.SpaceFixture;

/**
 * shm-core's semaphore conformance suite on {@link ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperSemaphoreTest extends SharedSemaphoreConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return TestZooKeeper.fixture();
    }
}

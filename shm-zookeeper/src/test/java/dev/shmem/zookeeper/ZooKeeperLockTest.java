package dev.shmem.zookeeper;

import dev.shmem.SharedLockConformanceTest;
import dev.shmem.SpaceFixture;

/**
 * shm-core's SharedLock conformance suite on {@link ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperLockTest extends SharedLockConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return TestZooKeeper.fixture();
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedReentrantLockConformanceTest;
import dev.shmem.SpaceFixture;

/**
 * shm-core's SharedReentrantLock conformance suite on {@link ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperReentrantLockTest extends SharedReentrantLockConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return TestZooKeeper.fixture();
    }
}

package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * shm-core's Condition conformance suite on {@code ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperConditionConformanceTest extends ConditionConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = ZooKeeperSpaces.extension();

    @Override
    TestLock newLock(final String name)
    {
        return of(space.get().reentrantLock(name));
    }
}

package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * shm-core's CountDownLatch conformance suite on {@code ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperCountDownLatchConformanceTest extends CountDownLatchConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = ZooKeeperSpaces.extension();

    @Override
    Verbs newLatch(final String name, final int count)
    {
        return of(space.get().countDownLatch(name, count));
    }
}

package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * shm-core's Event conformance suite on {@code ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperEventConformanceTest extends EventConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = ZooKeeperSpaces.extension();

    @Override
    Verbs newEvent(final String name)
    {
        return of(space.get().event(name));
    }
}

package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * shm-core's Barrier conformance suite on {@code ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperBarrierConformanceTest extends BarrierConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = ZooKeeperSpaces.extension();

    @Override
    Verbs newBarrier(final String name, final int parties)
    {
        return of(space.get().barrier(name, parties));
    }
}

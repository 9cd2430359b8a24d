package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the barrier conformance tests on {@link SharedRegion}'s barrier.
 */
class SharedBarrierConformanceTest extends BarrierConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = SpaceExtension.region();

    @Override
    Verbs newBarrier(final String name, final int parties)
    {
        return of(space.get().barrier(name, parties));
    }
}

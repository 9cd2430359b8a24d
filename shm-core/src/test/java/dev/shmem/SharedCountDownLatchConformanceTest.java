package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the latch conformance tests on {@link SharedRegion}'s count-down latch.
 */
class SharedCountDownLatchConformanceTest extends CountDownLatchConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = SpaceExtension.region();

    @Override
    Verbs newLatch(final String name, final int count)
    {
        return of(space.get().countDownLatch(name, count));
    }
}

package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the event conformance tests on {@link SharedRegion}'s event.
 */
class SharedEventConformanceTest extends EventConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = SpaceExtension.region();

    @Override
    Verbs newEvent(final String name)
    {
        return of(space.get().event(name));
    }
}

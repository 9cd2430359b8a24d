package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the condition conformance tests on the conditions of {@link SharedRegion}'s reentrant lock.
 */
class SharedConditionConformanceTest extends ConditionConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = SpaceExtension.region();

    @Override
    TestLock newLock(final String name)
    {
        return of(space.get().reentrantLock(name));
    }
}

package dev.shmem;

/**
 * The value conformance suite on the JDK's atomics: it describes {@code AtomicLong}'s contract, not shm's quirks.
 */
class JdkValueConformanceTest extends ValueConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return JdkSpace.fixture();
    }
}

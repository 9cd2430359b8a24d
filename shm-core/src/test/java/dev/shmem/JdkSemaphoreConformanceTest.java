package dev.shmem;

/**
 * The semaphore conformance suite on {@link java.util.concurrent.Semaphore}.
 */
class JdkSemaphoreConformanceTest extends SemaphoreConformanceTest
{
    @Override
    protected SpaceFixture newFixture()
    {
        return JdkSpace.fixture();
    }
}

package dev.shmem;

/**
 * The reentrant lock conformance suites on the mapped backend.
 */
class SharedReentrantLockTest extends SharedReentrantLockConformanceTest
{
    @Override
    protected SpaceFixture newFixture() throws Exception
    {
        return SpaceFixture.region();
    }
}

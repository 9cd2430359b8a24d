package dev.shmem;

/**
 * The array conformance suite on the mapped backend.
 */
class SharedArrayTest extends ArrayConformanceTest
{
    @Override
    protected SpaceFixture newFixture() throws Exception
    {
        return SpaceFixture.region();
    }
}

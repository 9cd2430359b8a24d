package dev.shmem;

/**
 * The value conformance suite on the mapped backend.
 */
class SharedValueTest extends ValueConformanceTest
{
    @Override
    protected SpaceFixture newFixture() throws Exception
    {
        return SpaceFixture.region();
    }
}

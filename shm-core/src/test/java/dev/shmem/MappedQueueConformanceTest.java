package dev.shmem;

/**
 * The queue conformance suite on the mapped backend ({@link SharedQueueTest} has the mapped queue's own tests:
 * dead producers and consumers, zero-copy views of the slot, capacity rounding).
 */
class MappedQueueConformanceTest extends QueueConformanceTest
{
    @Override
    protected SpaceFixture newFixture() throws Exception
    {
        return SpaceFixture.region();
    }
}

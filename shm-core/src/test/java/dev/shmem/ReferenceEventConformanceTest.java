package dev.shmem;

/**
 * Runs the event conformance tests on {@link ReferenceEvent}, the port of CPython's {@code Event}.
 */
class ReferenceEventConformanceTest extends EventConformanceTest
{
    @Override
    Verbs newEvent(final String name)
    {
        return new ReferenceEvent();
    }
}

package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedQueue;

/**
 * {@link QueueThroughput} with 8-byte messages (the id only: no latency).
 */
public final class Queue8Bytes extends QueueThroughput
{
    /** Scenario name. */
    public static final String NAME = "queue8";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "SharedQueue of 8-byte messages, producer processes offer(), consumer processes poll()";
    }

    @Override
    protected int messageBytes()
    {
        return 8;
    }

    @Override
    protected String pythonBaseline()
    {
        return Scenarios.PYTHON_QUEUE8;
    }
}

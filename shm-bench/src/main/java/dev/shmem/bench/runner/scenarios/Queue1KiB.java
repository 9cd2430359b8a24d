package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedQueue;

/**
 * {@link QueueThroughput} with 1 KiB messages, stamped: offer-to-poll latency recorded.
 */
public final class Queue1KiB extends QueueThroughput
{
    /** Scenario name. */
    public static final String NAME = "queue1k";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "SharedQueue of 1 KiB messages, producer processes offer(), consumer processes poll()";
    }

    @Override
    protected int messageBytes()
    {
        return 1024;
    }

    @Override
    protected String pythonBaseline()
    {
        return Scenarios.PYTHON_QUEUE1K;
    }
}

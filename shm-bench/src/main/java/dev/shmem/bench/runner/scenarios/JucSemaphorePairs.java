package dev.shmem.bench.runner.scenarios;

import dev.shmem.bench.runner.WorkerContext;

import java.util.concurrent.Semaphore;

/**
 * The j.u.c baseline of {@link SemaphorePairs}: two threads of one JVM run its {@code acquire(); handoffs;
 * release()} loop on one non-fair {@link Semaphore} of 1 permit.
 */
public final class JucSemaphorePairs extends TwoThreadBaseline
{
    /** Scenario name. */
    public static final String NAME = "juc.semaphore";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "java.util.concurrent.Semaphore(1).acquire(); release(), 2 threads of one JVM";
    }

    @Override
    String holderEntry()
    {
        return "juc.semaphore.holder";
    }

    @Override
    Body body(final WorkerContext context)
    {
        final Semaphore semaphore = new Semaphore(1);
        return handoffs ->
        {
            semaphore.acquire();
            try
            {
                handoffs.acquired();
            }
            finally
            {
                semaphore.release();
            }
        };
    }
}

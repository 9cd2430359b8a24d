package dev.shmem.bench.runner;

import java.util.Map;

/**
 * The per-process side of a {@link ChildScenario}: one operation, called in a loop by {@link ChildHarness} in a
 * child JVM. It must not block forever: when the run stops, the other children stop calling it (a scenario whose
 * operation waits for another process checks {@link WorkerContext#isStopping()} in that wait).
 */
public interface Worker extends AutoCloseable
{
    /**
     * Performs one operation (one increment, one acquire/release pair, one round trip).
     *
     * @throws Exception if it fails; the child dies with it and the scenario fails with its stack trace.
     */
    void operation() throws Exception;

    /**
     * Cumulative counters of this worker since it was created, e.g. {@code "handoffs"}. Sampled when the
     * measurement starts and ends; the runner reports the difference summed over the children, and its rate.
     *
     * @return counter name to value; empty by default.
     */
    default Map<String, Long> counters()
    {
        return Map.of();
    }

    /**
     * Releases what the worker holds (files, channels). Called once after the last operation.
     *
     * @throws Exception if releasing fails.
     */
    @Override
    default void close() throws Exception
    {
    }
}

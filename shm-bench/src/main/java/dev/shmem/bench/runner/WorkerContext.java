package dev.shmem.bench.runner;

import dev.shmem.SharedRegion;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;

/**
 * What a {@link ChildScenario} sees in a child JVM when it creates its {@link Worker}.
 *
 * @param region    the scenario's region, opened by this child.
 * @param index     this child's index, 0 to {@code processes - 1} (for per-process slots and roles).
 * @param processes number of children in the run.
 * @param phase     the run's phase word, for workers that wait on other processes.
 * @param latency   where a worker of a {@link ChildScenario.LatencyMode#WORKER} scenario records latencies in
 *                  nanoseconds (emptied when the measurement starts); unused otherwise.
 */
public record WorkerContext(SharedRegion region, int index, int processes, Phase.Word phase, Histogram latency)
{
    /**
     * @param suffix suffix given to {@link ParentContext#file(String)} by the scenario's parent side.
     * @return the scenario's extra file of that suffix (next to the region file).
     */
    public Path file(final String suffix)
    {
        return Path.of(region.path() + suffix);
    }

    /**
     * @return true once the parent has ended the measurement; a worker that waits on another process gives up
     * its wait then.
     */
    public boolean isStopping()
    {
        return phase.get() >= Phase.STOP;
    }
}

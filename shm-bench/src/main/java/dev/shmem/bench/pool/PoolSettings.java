package dev.shmem.bench.pool;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of one {@link PoolBenchmark} run.
 *
 * @param workers       pool size (JVM workers, Python processes).
 * @param warmup        warm-up before each throughput measurement.
 * @param duration      each throughput measurement.
 * @param mapTasks      inputs per {@code map} call.
 * @param heavyN        {@code heavy_task}'s argument.
 * @param heavyTasks    inputs of the heavy map.
 * @param rounds        rounds of the heavy comparison (the median is reported).
 * @param python        the Python 3 executable, or null to skip Python.
 * @param workDirectory worker logs and the Python script.
 * @param taskTimeout   the pool's task timeout and the longest wait for one result.
 * @param heavyLongN    JVM only: a second {@code heavy_task} argument whose task lasts as long as CPython's at
 *                      {@code heavyN}, 0 to skip it.
 * @param startRounds   one-worker pools started with and without the class-data archive, 0 to skip.
 */
public record PoolSettings(int workers, Duration warmup, Duration duration, int mapTasks, int heavyN,
    int heavyTasks, int rounds, String python, Path workDirectory, Duration taskTimeout, int heavyLongN,
    int startRounds)
{
    /**
     * Checks the values.
     */
    public PoolSettings
    {
        if (workers < 1 || workers > 64)
        {
            throw new IllegalArgumentException("workers " + workers + " is out of range: expected 1 to 64");
        }
        if (warmup.isNegative())
        {
            throw new IllegalArgumentException("warm-up " + warmup + " is negative");
        }
        if (duration.isNegative() || duration.isZero())
        {
            throw new IllegalArgumentException("duration " + duration + " must be positive");
        }
        if (mapTasks < 1 || heavyTasks < 1 || heavyN < 1 || rounds < 1)
        {
            throw new IllegalArgumentException("map tasks " + mapTasks + ", heavy tasks " + heavyTasks +
                ", heavy n " + heavyN + " and rounds " + rounds + " must all be at least 1");
        }
        if (heavyLongN < 0 || startRounds < 0)
        {
            throw new IllegalArgumentException("heavy long n " + heavyLongN + " and start rounds " + startRounds +
                " must not be negative");
        }
        if (taskTimeout.isNegative() || taskTimeout.isZero())
        {
            throw new IllegalArgumentException("task timeout " + taskTimeout + " must be positive");
        }
    }
}

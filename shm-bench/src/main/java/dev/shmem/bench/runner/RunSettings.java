package dev.shmem.bench.runner;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings of one runner invocation, shared by all its scenarios.
 *
 * @param processes    processes per scenario (child JVMs or Python processes).
 * @param warmup       warm-up time before each measurement.
 * @param duration     measurement time.
 * @param directory    where region files go ({@code /dev/shm} by default).
 * @param workDirectory where child logs and reports go; logs of failed children are kept there.
 * @param python       the Python 3 executable, or null to skip the Python baselines.
 * @param childTimeout how long a child may take to start, and to finish after the stop, before it is killed.
 */
public record RunSettings(int processes, Duration warmup, Duration duration, Path directory, Path workDirectory,
    String python, Duration childTimeout)
{
    /** Largest accepted {@code processes}. */
    public static final int MAX_PROCESSES = 64;

    /**
     * Checks the values.
     */
    public RunSettings
    {
        if (processes < 1 || processes > MAX_PROCESSES)
        {
            throw new IllegalArgumentException("processes " + processes + " is out of range: expected 1 to " +
                MAX_PROCESSES);
        }
        if (warmup.isNegative())
        {
            throw new IllegalArgumentException("warm-up " + warmup + " is negative");
        }
        if (duration.isNegative() || duration.isZero())
        {
            throw new IllegalArgumentException("duration " + duration + " must be positive");
        }
        if (childTimeout.isNegative() || childTimeout.isZero())
        {
            throw new IllegalArgumentException("child timeout " + childTimeout + " must be positive");
        }
    }
}

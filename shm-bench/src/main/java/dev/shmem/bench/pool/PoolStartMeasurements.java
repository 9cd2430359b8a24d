package dev.shmem.bench.pool;

import dev.shmem.pool.JvmPool;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM start to first task, with and without the application class-data-sharing archive that
 * {@link JvmPool} workers use by default: {@code --start-rounds} pools of one worker each way, alternated, each
 * timed from {@code build()} to the first result of an empty task; the median each way. The first pool with the
 * archive on makes the archive if there is none (a run that finds none reports that round, too).
 */
final class PoolStartMeasurements
{
    private PoolStartMeasurements()
    {
    }

    /**
     * @return the median start in milliseconds, {@code [with archive, without]}.
     */
    static double[] run(final PoolSettings settings, final PrintStream log) throws Exception
    {
        log.println("JvmPool: start to first task, " + settings.startRounds() + " one-worker pools with and " +
            "without the class-data archive ...");
        final List<Double> with = new ArrayList<>();
        final List<Double> without = new ArrayList<>();
        // One throwaway pool with the archive: makes it if this class path has none yet.
        startMillis(settings, true);
        for (int round = 0; round < settings.startRounds(); round++)
        {
            with.add(startMillis(settings, true));
            without.add(startMillis(settings, false));
        }
        return new double[] { JvmPoolMeasurements.median(with), JvmPoolMeasurements.median(without) };
    }

    private static double startMillis(final PoolSettings settings, final boolean archive) throws Exception
    {
        final long begin = System.nanoTime();
        try (JvmPool pool = JvmPool.builder().workers(1).classDataSharing(archive)
            .closeTimeout(settings.taskTimeout()).logDirectory(settings.workDirectory()).build())
        {
            final Object result = pool.submit(EmptyTask.class, 1).get(settings.taskTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
            final double millis = (System.nanoTime() - begin) / 1e6;
            if (!Integer.valueOf(1).equals(result))
            {
                throw new IllegalStateException("the empty task returned " + result + ", expected 1");
            }
            return millis;
        }
    }
}

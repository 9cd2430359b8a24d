package dev.shmem.bench.pool;

import dev.shmem.bench.runner.PythonScript;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python side of the {@link PoolBenchmark}: {@code mp_baseline.py}'s {@code pool_apply}, {@code pool_map}
 * (Python's default chunksize, then {@code chunksize=1}) and {@code heavy} scenarios, each with its own
 * {@code multiprocessing.Pool} of {@code --workers} processes.
 */
final class PythonPoolMeasurements
{
    private PythonPoolMeasurements()
    {
    }

    /**
     * @return the figures, or empty with the reason printed if Python cannot be started.
     */
    static Optional<PoolFigures> run(final PoolSettings settings, final PrintStream log) throws Exception
    {
        if (settings.python() == null)
        {
            log.println("Python: skipped (--python none)");
            return Optional.empty();
        }
        try
        {
            log.println("Python: Pool.apply_async(empty).get() round trips ...");
            final Map<String, String> apply = script(settings, "pool_apply");
            log.println("Python: Pool.map of " + settings.mapTasks() + " empty tasks on int inputs ...");
            final Map<String, String> map = script(settings, "pool_map");
            final Map<String, String> map1 = script(settings, "pool_map", "--chunksize", "1");
            log.println("Python: heavy_task x " + settings.heavyTasks() + ", sequential and Pool.map ...");
            final Map<String, String> heavy = script(settings, "heavy");
            return Optional.of(new PoolFigures(
                PythonScript.number(apply, "pool_start_seconds"),
                PythonScript.number(apply, "ops_per_second"),
                PythonScript.number(apply, "p50_us"),
                PythonScript.number(apply, "p99_us"),
                PythonScript.number(map, "ops_per_second"),
                PythonScript.number(map1, "ops_per_second"),
                PythonScript.number(heavy, "sequential_seconds"),
                PythonScript.number(heavy, "parallel_seconds"),
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        catch (final PythonScript.UnavailableException ex)
        {
            log.println("Python: skipped: " + ex.getMessage());
            return Optional.empty();
        }
    }

    private static Map<String, String> script(final PoolSettings settings, final String scenario,
        final String... extra) throws Exception
    {
        final List<String> arguments = new ArrayList<>(List.of("--scenario", scenario,
            "--processes", Integer.toString(settings.workers()),
            "--warmup", PythonScript.seconds(settings.warmup()),
            "--duration", PythonScript.seconds(settings.duration()),
            "--timeout", PythonScript.seconds(settings.taskTimeout()),
            "--tasks", Integer.toString("heavy".equals(scenario) ? settings.heavyTasks() : settings.mapTasks()),
            "--n", Integer.toString(settings.heavyN()),
            "--rounds", Integer.toString(settings.rounds())));
        arguments.addAll(List.of(extra));
        // Python's heavy rounds take seconds each; allow for them on top of the timeouts.
        final Duration timeout = settings.warmup().plus(settings.duration())
            .plus(settings.taskTimeout().multipliedBy(3L + settings.rounds()));
        return PythonScript.run(settings.python(), settings.workDirectory(), "python.pool." + scenario, arguments,
            timeout);
    }
}

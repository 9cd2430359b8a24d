package dev.shmem.bench.pool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shmem.bench.runner.Json;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The figures of one {@link PoolBenchmark} run, side by side, as a table and as JSON. The comparison column is
 * "how many times better shm is": a rate divided by Python's rate, or Python's time divided by shm's time.
 */
final class PoolReport
{
    private final PoolSettings settings;
    private final Map<String, String> machine;
    private final PoolFigures jvm;
    private final Optional<PoolFigures> python;

    PoolReport(final PoolSettings settings, final Map<String, String> machine, final PoolFigures jvm,
        final Optional<PoolFigures> python)
    {
        this.settings = settings;
        this.machine = machine;
        this.jvm = jvm;
        this.python = python;
    }

    String toTable()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nJvmPool vs multiprocessing.Pool, %d workers; warm-up %s, " +
            "measurement %s, heavy rounds %d; %s CPUs (%s), %s, load average %s%n%n", settings.workers(),
            text(settings.warmup()), text(settings.duration()), settings.rounds(), machine.get("cpus"),
            machine.get("cpuModel"), machine.get("java"), machine.get("loadAverage")));
        final String format = "%-62s %14s %14s %10s%n";
        out.append(String.format(Locale.ROOT, format, "measure", "shm JvmPool", "Python Pool", "shm better"));
        final PoolFigures py = python.orElse(null);
        timeRow(out, format, "pool start: create to first result (ms)", jvm.startSeconds() * 1e3,
            py == null ? Double.NaN : py.startSeconds() * 1e3, "%.1f");
        rateRow(out, format, "empty task round trips, submit + get one by one (/s)", jvm.roundTripsPerSecond(),
            py == null ? Double.NaN : py.roundTripsPerSecond());
        out.append(String.format(Locale.ROOT, format, "  round trip p50 / p99 (us)",
            String.format(Locale.ROOT, "%.1f / %.1f", jvm.roundTripP50Micros(), jvm.roundTripP99Micros()),
            py == null ? "-" : String.format(Locale.ROOT, "%.1f / %.1f", py.roundTripP50Micros(),
                py.roundTripP99Micros()), ""));
        rateRow(out, format, "map of " + settings.mapTasks() + " empty tasks (tasks/s; Python chunksize default)",
            jvm.mapTasksPerSecond(), py == null ? Double.NaN : py.mapTasksPerSecond());
        rateRow(out, format, "  the same, Python chunksize=1 (tasks/s)", jvm.mapTasksPerSecond(),
            py == null ? Double.NaN : py.mapChunk1TasksPerSecond());
        out.append(String.format(Locale.ROOT, "heavy_task(%,d) x %d:%n", settings.heavyN(), settings.heavyTasks()));
        timeRow(out, format, "  sequential, one process (ms)", jvm.sequentialSeconds() * 1e3,
            py == null ? Double.NaN : py.sequentialSeconds() * 1e3, "%.1f");
        timeRow(out, format, "  map with " + settings.workers() + " workers (ms)", jvm.parallelSeconds() * 1e3,
            py == null ? Double.NaN : py.parallelSeconds() * 1e3, "%.1f");
        out.append(String.format(Locale.ROOT, format, "  speedup (sequential / map)",
            String.format(Locale.ROOT, "%.2fx", jvm.speedup()),
            py == null ? "-" : String.format(Locale.ROOT, "%.2fx", py.speedup()), ""));
        out.append(String.format(Locale.ROOT, format, "  first map, workers' JIT cold (ms)",
            String.format(Locale.ROOT, "%.1f", jvm.coldParallelSeconds() * 1e3), "-", ""));
        if (py == null)
        {
            out.append(String.format(Locale.ROOT, "%nPython skipped: no comparison.%n"));
        }
        return out.toString();
    }

    String toJson()
    {
        final ObjectNode json = Json.object();
        final ObjectNode machineNode = json.putObject("machine");
        machine.forEach(machineNode::put);
        final ObjectNode settingsNode = json.putObject("settings").put("workers", settings.workers());
        Json.put(settingsNode, "warmupSeconds", settings.warmup().toNanos() / 1e9);
        Json.put(settingsNode, "durationSeconds", settings.duration().toNanos() / 1e9);
        settingsNode.put("mapTasks", settings.mapTasks())
            .put("heavyN", settings.heavyN())
            .put("heavyTasks", settings.heavyTasks())
            .put("rounds", settings.rounds())
            .put("python", settings.python());
        figures(json.putObject("jvmPool"), jvm);
        if (python.isPresent())
        {
            figures(json.putObject("python"), python.get());
        }
        else
        {
            json.putNull("python");
        }
        return json.toString();
    }

    private static void figures(final ObjectNode json, final PoolFigures figures)
    {
        Json.put(json, "startSeconds", figures.startSeconds());
        Json.put(json, "roundTripsPerSecond", figures.roundTripsPerSecond());
        Json.put(json, "roundTripP50Micros", figures.roundTripP50Micros());
        Json.put(json, "roundTripP99Micros", figures.roundTripP99Micros());
        Json.put(json, "mapTasksPerSecond", figures.mapTasksPerSecond());
        Json.put(json, "mapChunk1TasksPerSecond", figures.mapChunk1TasksPerSecond());
        Json.put(json, "sequentialSeconds", figures.sequentialSeconds());
        Json.put(json, "parallelSeconds", figures.parallelSeconds());
        Json.put(json, "speedup", figures.speedup());
        Json.put(json, "coldParallelSeconds", figures.coldParallelSeconds());
    }

    private static void rateRow(final StringBuilder out, final String format, final String label, final double shm,
        final double py)
    {
        out.append(String.format(Locale.ROOT, format, label, String.format(Locale.ROOT, "%,.0f", shm),
            Double.isNaN(py) ? "-" : String.format(Locale.ROOT, "%,.0f", py), ratio(shm / py)));
    }

    private static void timeRow(final StringBuilder out, final String format, final String label, final double shm,
        final double py, final String number)
    {
        out.append(String.format(Locale.ROOT, format, label, String.format(Locale.ROOT, number, shm),
            Double.isNaN(py) ? "-" : String.format(Locale.ROOT, number, py), ratio(py / shm)));
    }

    private static String text(final Duration duration)
    {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String ratio(final double ratio)
    {
        if (Double.isNaN(ratio))
        {
            return "-";
        }
        return String.format(Locale.ROOT, ratio >= 100 ? "%.0fx" : ratio >= 10 ? "%.1fx" : "%.3gx", ratio);
    }
}

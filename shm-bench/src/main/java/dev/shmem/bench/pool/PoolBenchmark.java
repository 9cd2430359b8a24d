package dev.shmem.bench.pool;

import dev.shmem.bench.runner.DurationConverter;
import dev.shmem.bench.runner.MachineInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The pool benchmark (issue 8): the overhead per task of shm's {@link dev.shmem.pool.JvmPool} for an empty task
 * (sequential {@code submit + get} round trips, and {@code map} throughput), the time to start a pool, and the
 * speedup of the seed article's CPU-bound {@code heavy_task} map with N workers over the same inputs one after the
 * other, each beside Python's {@code multiprocessing.Pool} doing the same in the same run ({@code mp_baseline.py},
 * skipped if {@code python3} is missing or with {@code --python none}). Prints its command line, then the table;
 * optionally writes JSON.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp shm-bench/target/benchmarks.jar \
 *     dev.shmem.bench.pool.PoolBenchmark --workers 2 --warmup 1s --duration 3s
 * </pre>
 *
 * Exit status: 0 if measured (with or without Python), 1 if a measurement failed (a wrong result, a worker that
 * died, a timeout), 2 for bad options.
 */
@Command(name = "shm-bench-pool", mixinStandardHelpOptions = true, sortOptions = false,
    description = "JvmPool per-task overhead, start time and heavy_task speedup, beside Python's " +
        "multiprocessing.Pool in the same run.")
public final class PoolBenchmark implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--workers"}, defaultValue = "2", description = "pool size, both sides (default 2)")
    private int workers;

    @Option(names = "--warmup", defaultValue = "1s", converter = DurationConverter.class,
        description = "warm-up before each throughput measurement (default 1s)")
    private Duration warmup;

    @Option(names = "--duration", defaultValue = "3s", converter = DurationConverter.class,
        description = "each throughput measurement (default 3s)")
    private Duration duration;

    @Option(names = "--map-tasks", defaultValue = "1000", description = "empty tasks per map call (default 1000)")
    private int mapTasks;

    @Option(names = "--heavy-n", defaultValue = "2000000",
        description = "heavy_task's argument (default 2000000, as in the article)")
    private int heavyN;

    @Option(names = "--heavy-tasks", defaultValue = "8", description = "heavy inputs (default 8, as in the article)")
    private int heavyTasks;

    @Option(names = "--rounds", defaultValue = "5",
        description = "rounds of sequential vs map of the heavy inputs; the median is shown (default 5)")
    private int rounds;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "EXE",
        description = "Python 3 for the baselines, or 'none' to skip them (default python3)")
    private String python;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "worker logs and the Python script (default " +
        "TMPDIR/shm-bench-pool)")
    private Path workDirectory;

    @Option(names = "--task-timeout", defaultValue = "60s", converter = DurationConverter.class,
        description = "longest wait for one result; the pool kills a worker whose task runs longer (default 60s)")
    private Duration taskTimeout;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the figures as JSON to FILE")
    private Path json;

    /**
     * @param args command line; {@code --help} describes it.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting (for tests).
     *
     * @param args command line.
     * @return the exit status.
     */
    public static int execute(final String... args)
    {
        return new CommandLine(new PoolBenchmark()).execute(args);
    }

    @Override
    public Integer call() throws Exception
    {
        final PoolSettings settings;
        try
        {
            settings = new PoolSettings(workers, warmup, duration, mapTasks, heavyN, heavyTasks, rounds,
                "none".equals(python) ? null : python,
                workDirectory != null ? workDirectory :
                    Path.of(System.getProperty("java.io.tmpdir"), "shm-bench-pool"),
                taskTimeout);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        Files.createDirectories(settings.workDirectory());
        System.out.println("command: " + ProcessHandle.current().info().commandLine()
            .orElse("java " + PoolBenchmark.class.getName() + " " +
                String.join(" ", spec.commandLine().getParseResult().originalArgs())));
        final PoolFigures jvm = JvmPoolMeasurements.run(settings, System.out);
        final Optional<PoolFigures> py = PythonPoolMeasurements.run(settings, System.out);
        final PoolReport report = new PoolReport(settings, MachineInfo.describe(), jvm, py);
        System.out.print(report.toTable());
        if (json != null)
        {
            final Path parent = json.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Files.writeString(json, report.toJson() + System.lineSeparator(), StandardCharsets.UTF_8);
            System.out.println("\nJSON written to " + json);
        }
        return 0;
    }
}

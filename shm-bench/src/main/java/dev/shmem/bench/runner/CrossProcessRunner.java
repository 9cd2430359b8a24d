package dev.shmem.bench.runner;

import dev.shmem.bench.BenchFiles;
import dev.shmem.bench.runner.scenarios.Scenarios;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The cross-process benchmark runner: runs every scenario of {@link Scenarios} (or those named) with N processes
 * on one machine, and prints operations per second, latency percentiles where measured, handoffs, and the ratios
 * against the baselines measured in the same run (raw Agrona, {@code FileChannel.lock()}, Python
 * {@code multiprocessing}), plus the targets of issue 6. Optionally writes the same as JSON.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp shm-bench/target/benchmarks.jar \
 *     dev.shmem.bench.runner.CrossProcessRunner --processes 2 --duration 3s --json runner.json
 * </pre>
 *
 * Exit status: 0 if every scenario measured or was skipped, 1 if one failed (a child's error is printed), 2 for
 * bad options. Missing a target does not fail the run: these are measurements, not tests.
 */
@Command(name = "shm-bench-runner", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Cross-process benchmarks of shm against raw Agrona, FileChannel.lock() and Python " +
        "multiprocessing, with N processes on this machine.")
public final class CrossProcessRunner implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = {"-n", "--processes"}, defaultValue = "2", description = "processes per scenario (default 2)")
    private int processes;

    @Option(names = "--warmup", defaultValue = "1s", converter = DurationConverter.class,
        description = "warm-up per scenario, e.g. 500ms, 1s (default 1s)")
    private Duration warmup;

    @Option(names = "--duration", defaultValue = "3s", converter = DurationConverter.class,
        description = "measurement per scenario (default 3s)")
    private Duration duration;

    @Option(names = "--rounds", defaultValue = "1", description = "run the scenario list this many times, " +
        "interleaved, and report each scenario's median round (default 1)")
    private int rounds;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
        description = "scenarios to run, comma-separated (default all; see --list)")
    private List<String> scenarioNames;

    @Option(names = "--json", paramLabel = "FILE", description = "also write the results as JSON to FILE")
    private Path json;

    @Option(names = "--dir", paramLabel = "DIR", description = "where region files go (default /dev/shm, " +
        "else the temporary directory)")
    private Path directory;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "child logs and reports (default " +
        "TMPDIR/shm-bench-runner); logs of failed children are kept")
    private Path workDirectory;

    @Option(names = "--python", defaultValue = "python3", paramLabel = "EXE",
        description = "Python 3 for the multiprocessing baselines, or 'none' to skip them (default python3)")
    private String python;

    @Option(names = "--child-timeout", defaultValue = "60s", converter = DurationConverter.class,
        description = "longest wait for a child to start or to stop (default 60s)")
    private Duration childTimeout;

    @Option(names = "--list", description = "list the scenarios and exit")
    private boolean list;

    /**
     * @param args command line; {@code --help} describes it.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting (for tests and embedding).
     *
     * @param args command line.
     * @return the exit status.
     */
    public static int execute(final String... args)
    {
        return new CommandLine(new CrossProcessRunner()).execute(args);
    }

    @Override
    public Integer call() throws Exception
    {
        final List<Scenario> all = Scenarios.all();
        if (list)
        {
            for (final Scenario scenario : all)
            {
                System.out.printf("%-18s %s%n", scenario.name(), scenario.description());
            }
            return 0;
        }
        final List<Scenario> selected = select(all);
        final RunSettings settings;
        try
        {
            settings = new RunSettings(processes, warmup, duration,
                directory != null ? directory : BenchFiles.defaultDirectory(),
                workDirectory != null ? workDirectory :
                    Path.of(System.getProperty("java.io.tmpdir"), "shm-bench-runner"),
                "none".equals(python) ? null : python, childTimeout);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        if (rounds < 1 || rounds > 100)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "rounds " + rounds +
                " is out of range: expected 1 to 100");
        }
        final RunReport report = run(selected, settings, rounds, System.out);
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
        return report.succeeded() ? 0 : 1;
    }

    /**
     * Runs scenarios one after the other, once.
     *
     * @param scenarios what to run.
     * @param settings  the settings.
     * @param log       where progress and failures are printed.
     * @return the report.
     */
    public static RunReport run(final List<Scenario> scenarios, final RunSettings settings, final PrintStream log)
    {
        return run(scenarios, settings, 1, log);
    }

    /**
     * Runs the scenarios one after the other, the whole list {@code rounds} times (so that a burst of load from
     * elsewhere on the machine hits one round of several scenarios rather than every round of one), and keeps
     * each scenario's median round. A failing scenario is recorded and the next one runs.
     *
     * @param scenarios what to run.
     * @param settings  the settings.
     * @param rounds    how many times to run the list.
     * @param log       where progress and failures are printed.
     * @return the report.
     */
    public static RunReport run(final List<Scenario> scenarios, final RunSettings settings, final int rounds,
        final PrintStream log)
    {
        final Map<String, List<ScenarioResult>> runs = new LinkedHashMap<>();
        scenarios.forEach(scenario -> runs.put(scenario.name(), new ArrayList<>()));
        for (int round = 1; round <= rounds && !Thread.currentThread().isInterrupted(); round++)
        {
            for (final Scenario scenario : scenarios)
            {
                log.printf("%s%s: %s ...%n", rounds > 1 ? "[round " + round + "/" + rounds + "] " : "",
                    scenario.name(), scenario.description());
                runs.get(scenario.name()).add(runOnce(scenario, settings, log));
                if (Thread.currentThread().isInterrupted())
                {
                    break;
                }
            }
        }
        final Map<String, ScenarioResult> results = new LinkedHashMap<>();
        runs.forEach((name, list) -> results.put(name, list.isEmpty() ?
            ScenarioResult.skipped(name, "not run: the runner was interrupted") : ScenarioResult.median(list)));
        return new RunReport(settings, MachineInfo.describe(), scenarios, results, rounds);
    }

    private static ScenarioResult runOnce(final Scenario scenario, final RunSettings settings, final PrintStream log)
    {
        try
        {
            return scenario.run(settings, log);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return ScenarioResult.failed(scenario.name(), ex);
        }
        catch (final Exception ex)
        {
            log.println("  FAILED: " + ex);
            return ScenarioResult.failed(scenario.name(), ex);
        }
    }

    private List<Scenario> select(final List<Scenario> all)
    {
        if (scenarioNames == null || scenarioNames.isEmpty())
        {
            return all;
        }
        final List<Scenario> selected = new ArrayList<>();
        for (final String name : scenarioNames)
        {
            final Scenario scenario = all.stream().filter(s -> s.name().equals(name.trim())).findFirst()
                .orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(), "unknown scenario '" +
                    name + "': expected one of " + all.stream().map(Scenario::name)
                    .collect(Collectors.joining(", "))));
            selected.add(scenario);
        }
        return selected;
    }
}

package dev.shmem.bench.runner;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Python 3 {@code multiprocessing} baseline: runs {@code mp_baseline.py} ({@link PythonScript}) with the run's
 * process count, warm-up and duration, and reports the {@code ops_per_second} of the {@code RESULT} line it
 * prints. Skipped, with the reason, when the Python executable cannot be started ({@code python3} missing, or
 * {@code --python none}).
 */
public final class PythonScenario implements Scenario
{
    /** Name of the script resource, next to this class. */
    public static final String SCRIPT = PythonScript.SCRIPT;

    private final String name;
    private final String scriptScenario;
    private final String description;

    /**
     * @param name           the runner's scenario name, e.g. {@code "python.value_lock"}.
     * @param scriptScenario the script's {@code --scenario}, e.g. {@code "value_lock"}.
     * @param description    what it measures.
     */
    public PythonScenario(final String name, final String scriptScenario, final String description)
    {
        this.name = name;
        this.scriptScenario = scriptScenario;
        this.description = description;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public String description()
    {
        return description;
    }

    @Override
    public ScenarioResult run(final RunSettings settings, final PrintStream log) throws Exception
    {
        if (settings.python() == null)
        {
            return ScenarioResult.skipped(name, "Python baselines disabled (--python none)");
        }
        final Duration timeout = settings.warmup().plus(settings.duration())
            .plus(settings.childTimeout().multipliedBy(3));
        final Map<String, String> fields;
        try
        {
            fields = PythonScript.run(settings.python(), settings.workDirectory(), name, List.of(
                "--scenario", scriptScenario,
                "--processes", Integer.toString(settings.processes()),
                "--warmup", PythonScript.seconds(settings.warmup()),
                "--duration", PythonScript.seconds(settings.duration()),
                "--timeout", PythonScript.seconds(settings.childTimeout())), timeout);
        }
        catch (final PythonScript.UnavailableException ex)
        {
            return ScenarioResult.skipped(name, ex.getMessage());
        }
        // The script may run more processes than asked (a queue needs a producer and a consumer).
        final int processes = fields.containsKey("processes") ?
            (int)PythonScript.number(fields, "processes") : settings.processes();
        return ScenarioResult.ok(name, processes, PythonScript.number(fields, "ops_per_second"),
            (long)PythonScript.number(fields, "measured_ops"), null, Map.of(),
            "Python " + fields.getOrDefault("python", "?") + ", start method " +
                fields.getOrDefault("start_method", "?"));
    }

    /**
     * @param output the script's standard output.
     * @return the key=value fields of its {@code RESULT} line, if it has one.
     */
    public static Optional<Map<String, String>> parseResult(final String output)
    {
        return PythonScript.parseResult(output);
    }
}

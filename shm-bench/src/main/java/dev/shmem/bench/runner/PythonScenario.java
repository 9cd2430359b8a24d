package dev.shmem.bench.runner;

import dev.shmem.bench.BenchFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Python 3 {@code multiprocessing} baseline: runs {@code mp_baseline.py} (shipped in this jar, source in
 * {@code shm-bench/python/}) with the run's process count, warm-up and duration, and parses the
 * {@code RESULT ... ops_per_second=...} line it prints. Skipped, with the reason, when the Python executable
 * cannot be started ({@code python3} missing, or {@code --python none}).
 */
public final class PythonScenario implements Scenario
{
    /** Name of the script resource, next to this class. */
    public static final String SCRIPT = "mp_baseline.py";

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
        Files.createDirectories(settings.workDirectory());
        final Path script = settings.workDirectory().resolve(SCRIPT);
        try (InputStream in = PythonScenario.class.getResourceAsStream(SCRIPT))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource " + SCRIPT + " is missing from the class path");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        final Path output = BenchFiles.newPath(settings.workDirectory(), name, ".out");
        final Path errors = BenchFiles.newPath(settings.workDirectory(), name, ".err");
        final List<String> command = new ArrayList<>(List.of(settings.python(), script.toString(),
            "--scenario", scriptScenario,
            "--processes", Integer.toString(settings.processes()),
            "--warmup", seconds(settings.warmup()),
            "--duration", seconds(settings.duration()),
            "--timeout", seconds(settings.childTimeout())));
        final Process process;
        try
        {
            process = new ProcessBuilder(command)
                .redirectOutput(output.toFile())
                .redirectError(errors.toFile())
                .start();
        }
        catch (final IOException ex)
        {
            BenchFiles.deleteQuietly(output);
            BenchFiles.deleteQuietly(errors);
            return ScenarioResult.skipped(name, "cannot run " + settings.python() + " (" + ex.getMessage() +
                "): install Python 3 or pass --python PATH");
        }
        boolean succeeded = false;
        try
        {
            final Duration timeout = settings.warmup().plus(settings.duration())
                .plus(settings.childTimeout().multipliedBy(3));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout +
                    " and was killed; stderr in " + errors);
            }
            final String stdout = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0)
            {
                throw new IllegalStateException(String.join(" ", command) + " exited with status " +
                    process.exitValue() + ": " + tail(Files.readString(errors, StandardCharsets.UTF_8)) +
                    " (stderr in " + errors + ")");
            }
            final Map<String, String> fields = parseResult(stdout).orElseThrow(() -> new IllegalStateException(
                "no RESULT line in the output of " + String.join(" ", command) + ": " + tail(stdout)));
            final ScenarioResult result = ScenarioResult.ok(name, settings.processes(),
                number(fields, "ops_per_second"), (long)number(fields, "measured_ops"), null, Map.of(),
                "Python " + fields.getOrDefault("python", "?") + ", start method " +
                    fields.getOrDefault("start_method", "?"));
            succeeded = true;
            return result;
        }
        finally
        {
            if (process.isAlive())
            {
                // The workers first: killing their parent does not stop them.
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            BenchFiles.deleteQuietly(output);
            if (succeeded)
            {
                BenchFiles.deleteQuietly(errors);
            }
        }
    }

    /**
     * @param output the script's standard output.
     * @return the key=value fields of its {@code RESULT} line, if it has one.
     */
    public static Optional<Map<String, String>> parseResult(final String output)
    {
        for (final String line : output.split("\\R"))
        {
            if (line.startsWith("RESULT "))
            {
                final Map<String, String> fields = new LinkedHashMap<>();
                for (final String token : line.substring("RESULT ".length()).trim().split("\\s+"))
                {
                    final int equals = token.indexOf('=');
                    if (equals > 0)
                    {
                        fields.put(token.substring(0, equals), token.substring(equals + 1));
                    }
                }
                return Optional.of(fields);
            }
        }
        return Optional.empty();
    }

    private static double number(final Map<String, String> fields, final String key)
    {
        final String value = fields.get(key);
        if (value == null)
        {
            throw new IllegalStateException("the RESULT line has no " + key + ": " + fields);
        }
        try
        {
            return Double.parseDouble(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalStateException("the RESULT line's " + key + " is '" + value + "', not a number", ex);
        }
    }

    private static String seconds(final Duration duration)
    {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    private static String tail(final String text)
    {
        final String trimmed = text.strip();
        return trimmed.length() <= 2000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 2000);
    }
}

package dev.shmem.bench.runner;

import dev.shmem.bench.BenchFiles;

import java.io.IOException;
import java.io.InputStream;
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
 * Runs the Python baseline script {@code mp_baseline.py} (shipped in this jar next to this class, source in
 * {@code shm-bench/python/}) and returns the {@code key=value} fields of the {@code RESULT} line it prints.
 *
 * <h2>Failure modes</h2>
 * {@link UnavailableException} if the Python executable cannot be started (the caller skips the baseline);
 * {@link IllegalStateException} with the command and the tail of its standard error if the script fails, prints
 * no {@code RESULT} line, or runs past its timeout (it is then killed, with its worker processes).
 */
public final class PythonScript
{
    /** Name of the script resource, next to this class. */
    public static final String SCRIPT = "mp_baseline.py";

    private PythonScript()
    {
    }

    /**
     * Thrown when the Python executable cannot be started.
     */
    public static final class UnavailableException extends Exception
    {
        private static final long serialVersionUID = 1L;

        UnavailableException(final String message, final Throwable cause)
        {
            super(message, cause);
        }
    }

    /**
     * Runs the script and waits for it, at most {@code timeout}.
     *
     * @param python        the Python 3 executable.
     * @param workDirectory where the script is extracted and its output kept (its stderr is kept on failure).
     * @param label         part of the output files' names.
     * @param arguments     the script's arguments.
     * @param timeout       longest run.
     * @return the fields of its {@code RESULT} line.
     * @throws UnavailableException if {@code python} cannot be started.
     * @throws IOException          if the script cannot be extracted or its output read.
     * @throws InterruptedException if interrupted while waiting (the script is killed).
     */
    public static Map<String, String> run(final String python, final Path workDirectory, final String label,
        final List<String> arguments, final Duration timeout)
        throws UnavailableException, IOException, InterruptedException
    {
        Files.createDirectories(workDirectory);
        final Path script = workDirectory.resolve(SCRIPT);
        try (InputStream in = PythonScript.class.getResourceAsStream(SCRIPT))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource " + SCRIPT + " is missing from the class path");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        final Path output = BenchFiles.newPath(workDirectory, label, ".out");
        final Path errors = BenchFiles.newPath(workDirectory, label, ".err");
        final List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(arguments);
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
            throw new UnavailableException("cannot run " + python + " (" + ex.getMessage() +
                "): install Python 3 or pass --python PATH", ex);
        }
        boolean succeeded = false;
        try
        {
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
            succeeded = true;
            return fields;
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

    /**
     * @param fields the fields of a {@code RESULT} line.
     * @param key    a field that must be a number.
     * @return its value.
     * @throws IllegalStateException if it is missing or not a number.
     */
    public static double number(final Map<String, String> fields, final String key)
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

    /**
     * @param duration a duration.
     * @return it in seconds, as the script's options take it.
     */
    public static String seconds(final Duration duration)
    {
        return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
    }

    private static String tail(final String text)
    {
        final String trimmed = text.strip();
        return trimmed.length() <= 2000 ? trimmed : "..." + trimmed.substring(trimmed.length() - 2000);
    }
}

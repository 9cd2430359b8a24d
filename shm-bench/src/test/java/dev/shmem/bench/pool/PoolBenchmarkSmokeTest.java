package dev.shmem.bench.pool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shmem.bench.runner.ReportJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke run of the pool benchmark: 2 workers, tiny durations and inputs, through the command line (which
 * checks every result: empty tasks return their input, the heavy map equals the sequential results); the JSON
 * must show positive figures for both sides, or Python null when python3 is absent. Skipped with
 * {@code -Dshm.bench.smoke.skip=true}.
 */
@DisabledIfSystemProperty(named = "shm.bench.smoke.skip", matches = "true")
class PoolBenchmarkSmokeTest
{
    private static final List<String> FIGURES = List.of("startSeconds", "roundTripsPerSecond",
        "roundTripP50Micros", "mapTasksPerSecond", "sequentialSeconds", "parallelSeconds");

    @TempDir
    Path work;

    @AfterEach
    void noChildLeft()
    {
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
            "child processes still alive");
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void measuresBothSidesAndWritesWellFormedJson() throws IOException
    {
        final Path json = work.resolve("pool.json");
        final int status = PoolBenchmark.execute("--workers", "2", "--warmup", "50ms", "--duration", "200ms",
            "--map-tasks", "20", "--heavy-n", "20000", "--heavy-tasks", "4", "--rounds", "1",
            "--work-dir", work.resolve("logs").toString(), "--task-timeout", "30s", "--json", json.toString());
        assertEquals(0, status, "exit status");

        final JsonNode report = ReportJson.read(json);
        final JsonNode jvm = report.get("jvmPool");
        for (final String figure : FIGURES)
        {
            assertTrue(jvm.get(figure).doubleValue() > 0, "jvmPool " + figure + " = " + jvm.get(figure));
        }
        final JsonNode python = report.get("python");
        if (pythonAvailable())
        {
            for (final String figure : FIGURES)
            {
                assertTrue(python.get(figure).doubleValue() > 0, "python " + figure + " = " + python.get(figure));
            }
            assertTrue(python.get("mapChunk1TasksPerSecond").doubleValue() > 0);
        }
        else
        {
            assertTrue(python.isNull(), python::toString);
        }
    }

    private static boolean pythonAvailable()
    {
        try
        {
            final Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        }
        catch (final IOException ex)
        {
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package dev.shmem.bench.runner;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shmem.bench.runner.scenarios.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The smoke run of the cross-process runner: every scenario with 2 processes and tiny durations, through the
 * command line, then the JSON it wrote must parse and show every scenario measured (a positive rate, its
 * invariant checked: for the queues, every message delivered exactly once) or, for the Python baselines only,
 * skipped because python3 is missing.
 * Skipped with {@code -Dshm.bench.smoke.skip=true}.
 */
@DisabledIfSystemProperty(named = "shm.bench.smoke.skip", matches = "true")
class CrossProcessRunnerSmokeTest
{
    @TempDir
    Path work;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyScenarioReportsAPositiveRateInWellFormedJson() throws IOException
    {
        final Path json = work.resolve("runner.json");
        final int status = CrossProcessRunner.execute("--processes", "2", "--warmup", "100ms", "--duration",
            "300ms", "--json", json.toString(), "--work-dir", work.resolve("children").toString(),
            "--child-timeout", "30s");
        assertEquals(0, status, "runner exit status");

        final JsonNode report = ReportJson.read(json);
        final List<JsonNode> scenarios = ReportJson.elements(report.get("scenarios"));
        assertEquals(Scenarios.all().stream().map(Scenario::name).collect(Collectors.toList()),
            scenarios.stream().map(s -> s.get("name").textValue()).collect(Collectors.toList()));
        final boolean python = pythonAvailable();
        for (final JsonNode scenario : scenarios)
        {
            final String name = scenario.get("name").textValue();
            if (!python && name.startsWith("python."))
            {
                assertEquals("skipped", scenario.get("status").textValue(), name);
                continue;
            }
            assertEquals("ok", scenario.get("status").textValue(), name + ": " + scenario.get("message"));
            assertTrue(scenario.get("opsPerSecond").doubleValue() > 0, name + " opsPerSecond");
            assertTrue(scenario.get("measuredOps").longValue() > 0, name + " measuredOps");
            // The j.u.c baselines run their two parties as two threads of one JVM.
            assertEquals(name.startsWith("juc.") ? 1 : 2, scenario.get("processes").intValue(), name + " processes");
        }
        final JsonNode fileLock = ReportJson.find(report.get("scenarios"), "name", "filelock").orElseThrow();
        final JsonNode latency = fileLock.get("latencyMicros");
        assertTrue(latency.get("count").longValue() > 0, "filelock latency samples");
        assertTrue(latency.get("p50").doubleValue() <= latency.get("p99").doubleValue(), "p50 <= p99");
        assertTrue(fileLock.get("metrics").has("handoffs/s"), "handoffs counted");

        for (final String queue : List.of("queue8", "queue1k"))
        {
            final JsonNode metrics = ReportJson.find(report.get("scenarios"), "name", queue).orElseThrow()
                .get("metrics");
            assertTrue(metrics.get("received").doubleValue() > 0, queue + " messages received in the window");
            assertTrue(metrics.get("sent").doubleValue() > 0, queue + " messages sent in the window");
            assertEquals(1.0, metrics.get("producers").doubleValue(), queue + " producers");
        }
        final JsonNode queueLatency = ReportJson.find(report.get("scenarios"), "name", "queue1k").orElseThrow()
            .get("latencyMicros");
        assertTrue(queueLatency.get("count").longValue() > 0, "queue1k latency samples");

        final JsonNode atomicVsRaw = ReportJson.find(report.get("targets"), "target", "atomic / raw >= 0.9")
            .orElseThrow();
        assertNotEquals("not_run", atomicVsRaw.get("state").textValue());
        assertTrue(atomicVsRaw.get("value").doubleValue() > 0);
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

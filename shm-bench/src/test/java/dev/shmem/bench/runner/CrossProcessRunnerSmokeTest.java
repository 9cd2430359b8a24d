package dev.shmem.bench.runner;

import dev.shmem.bench.runner.scenarios.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    @SuppressWarnings("unchecked")
    void everyScenarioReportsAPositiveRateInWellFormedJson() throws IOException
    {
        final Path json = work.resolve("runner.json");
        final int status = CrossProcessRunner.execute("--processes", "2", "--warmup", "100ms", "--duration",
            "200ms", "--json", json.toString(), "--work-dir", work.resolve("children").toString(),
            "--child-timeout", "30s");
        assertEquals(0, status, "runner exit status");

        final Map<String, Object> report =
            (Map<String, Object>)MiniJson.parse(Files.readString(json, StandardCharsets.UTF_8));
        final List<Map<String, Object>> scenarios = (List<Map<String, Object>>)report.get("scenarios");
        assertEquals(Scenarios.all().stream().map(Scenario::name).collect(Collectors.toList()),
            scenarios.stream().map(s -> s.get("name")).collect(Collectors.toList()));
        final boolean python = pythonAvailable();
        for (final Map<String, Object> scenario : scenarios)
        {
            final String name = (String)scenario.get("name");
            if (!python && name.startsWith("python."))
            {
                assertEquals("skipped", scenario.get("status"), name);
                continue;
            }
            assertEquals("ok", scenario.get("status"), name + ": " + scenario.get("message"));
            assertTrue((Double)scenario.get("opsPerSecond") > 0, name + " opsPerSecond");
            assertTrue((Double)scenario.get("measuredOps") > 0, name + " measuredOps");
            assertEquals(2.0, scenario.get("processes"), name + " processes");
        }
        final Map<String, Object> fileLock = scenarios.stream()
            .filter(s -> s.get("name").equals("filelock")).findFirst().orElseThrow();
        final Map<String, Object> latency = (Map<String, Object>)fileLock.get("latencyMicros");
        assertTrue((Double)latency.get("count") > 0, "filelock latency samples");
        assertTrue((Double)latency.get("p50") <= (Double)latency.get("p99"), "p50 <= p99");
        assertTrue(((Map<String, Object>)fileLock.get("metrics")).containsKey("handoffs/s"), "handoffs counted");

        for (final String queue : List.of("queue8", "queue1k"))
        {
            final Map<String, Object> scenario = scenarios.stream()
                .filter(s -> s.get("name").equals(queue)).findFirst().orElseThrow();
            final Map<String, Object> metrics = (Map<String, Object>)scenario.get("metrics");
            assertTrue((Double)metrics.get("received") > 0, queue + " messages received in the window");
            assertTrue((Double)metrics.get("sent") > 0, queue + " messages sent in the window");
            assertEquals(1.0, metrics.get("producers"), queue + " producers");
        }
        final Map<String, Object> queueLatency = (Map<String, Object>)scenarios.stream()
            .filter(s -> s.get("name").equals("queue1k")).findFirst().orElseThrow().get("latencyMicros");
        assertTrue((Double)queueLatency.get("count") > 0, "queue1k latency samples");

        final List<Map<String, Object>> targets = (List<Map<String, Object>>)report.get("targets");
        final Map<String, Object> atomicVsRaw = targets.stream()
            .filter(t -> t.get("target").equals("atomic / raw >= 0.9")).findFirst().orElseThrow();
        assertNotEquals("not_run", atomicVsRaw.get("state"));
        assertTrue((Double)atomicVsRaw.get("value") > 0);
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

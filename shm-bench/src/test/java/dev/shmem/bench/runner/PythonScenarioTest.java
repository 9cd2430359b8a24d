package dev.shmem.bench.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonScenarioTest
{
    @TempDir
    Path work;

    @Test
    void parsesTheResultLineAmongOtherOutput()
    {
        final Map<String, String> fields = PythonScenario.parseResult(
            "starting\nRESULT scenario=value_lock processes=2 ops_per_second=1234.5 measured_ops=99\nbye\n")
            .orElseThrow();
        assertEquals("value_lock", fields.get("scenario"));
        assertEquals("1234.5", fields.get("ops_per_second"));
        assertEquals("99", fields.get("measured_ops"));
        assertTrue(PythonScenario.parseResult("no result here\n").isEmpty());
    }

    @Test
    void missingPythonIsSkippedWithTheReason() throws Exception
    {
        final RunSettings settings = new RunSettings(2, Duration.ZERO, Duration.ofMillis(100), work, work,
            work.resolve("no-such-python3").toString(), Duration.ofSeconds(10));
        final ScenarioResult result = new PythonScenario("python.x", "value_lock", "test")
            .run(settings, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(ScenarioResult.Status.SKIPPED, result.status());
        assertTrue(result.message().orElseThrow().contains("no-such-python3"), result.message().orElseThrow());
    }
}

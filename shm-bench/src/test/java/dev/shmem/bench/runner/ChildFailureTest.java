package dev.shmem.bench.runner;

import dev.shmem.bench.BenchFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A scenario that fails is reported as failed, with the child's exception, without hanging, and leaves no child
 * process behind; the scenarios after it still run.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChildFailureTest
{
    @TempDir
    Path work;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void noChildLeft()
    {
        assertEquals(0, ProcessHandle.current().children().filter(ProcessHandle::isAlive).count(),
            "child processes still alive");
    }

    @Test
    void childWhoseOperationThrowsFailsTheScenarioWithItsException()
    {
        // A warm-up long enough that the failure in it is what ends the run, not the stop.
        final RunReport report = run(Duration.ofSeconds(30), new FailingScenarios.ThrowingOperation());
        final ScenarioResult failed = report.results().get("throwing-operation");
        assertEquals(ScenarioResult.Status.FAILED, failed.status());
        assertTrue(failed.message().orElseThrow().contains("boom from child"), failed.message().orElseThrow());
        assertFalse(report.succeeded());
    }

    @Test
    void brokenInvariantFailsTheScenarioAndTheNextOneStillRuns()
    {
        final RunReport report = run(Duration.ofMillis(100), new FailingScenarios.BrokenInvariant(),
            new FailingScenarios.ThrowingSetup());
        final ScenarioResult broken = report.results().get("broken-invariant");
        assertEquals(ScenarioResult.Status.FAILED, broken.status());
        assertTrue(broken.message().orElseThrow().contains("counter is"), broken.message().orElseThrow());
        assertEquals(ScenarioResult.Status.FAILED, report.results().get("throwing-setup").status());
    }

    @Test
    void childThatCannotSetUpFailsTheScenarioBeforeTheRun()
    {
        final RunReport report = run(Duration.ofSeconds(30), new FailingScenarios.ThrowingSetup());
        final ScenarioResult failed = report.results().get("throwing-setup");
        assertEquals(ScenarioResult.Status.FAILED, failed.status());
        assertTrue(failed.message().orElseThrow().contains("cannot set up worker"), failed.message().orElseThrow());
        assertTrue(report.toJson().contains("\"status\":\"failed\""));
    }

    private RunReport run(final Duration warmup, final Scenario... scenarios)
    {
        final RunSettings settings = new RunSettings(2, warmup, Duration.ofMillis(100),
            BenchFiles.defaultDirectory(), work, null, Duration.ofSeconds(30));
        try (PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8))
        {
            return CrossProcessRunner.run(List.of(scenarios), settings, out);
        }
    }
}

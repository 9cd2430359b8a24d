package dev.shmem.demo.article;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code process}: the article's Process example with a real child JVM.
 */
class ProcessCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsTheArticlesLinesInOrderWithTheWorkersArguments() throws IOException
    {
        final DemoRun run = DemoRun.run("process", "--name", "B", "--delay", "0", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of(
            "Start method: spawn (a JVM cannot fork: the worker is a fresh JVM that gets only its arguments)",
            "Main: waiting for worker to finish",
            "Worker B: iteration 0",
            "Worker B: iteration 1",
            "Worker B: iteration 2",
            "Main: worker finished"), run.out().lines().toList());
        assertEquals("", run.err());
        assertEquals(0, ChildFailureAssert.logCount(dir), "the log of a worker that succeeded is removed");
    }

    @Test
    void aFailingWorkerIsNamedWithItsPidExceptionAndLog() throws IOException
    {
        final DemoRun run = DemoRun.run("process", "--delay", "0", "--fail-child", "worker",
            "--log-dir", dir.toString());

        ChildFailureAssert.assertChildFailed(run, "process", "worker", "in worker A after iteration 0", dir);
        assertTrue(run.out().contains("Worker A: iteration 0\n"), run::toString);
        assertFalse(run.out().contains("Worker A: iteration 1") || run.out().contains("Main: worker finished"),
            run::toString);
    }

    @Test
    void badOptionsAreRefusedBeforeAnyChildStarts() throws IOException
    {
        final DemoRun delay = DemoRun.run("process", "--delay", "-1", "--log-dir", dir.toString());
        assertEquals(2, delay.exitCode(), delay::toString);
        assertTrue(delay.err().contains("--delay -1.0 is out of range: expected 0 to 60 s"), delay::toString);
        final DemoRun role = DemoRun.run("process", "--fail-child", "nobody");
        assertEquals(2, role.exitCode(), role::toString);
        assertTrue(role.err().contains("--fail-child nobody: expected one of worker"), role::toString);
        assertEquals(0, ChildFailureAssert.logCount(dir));
    }
}

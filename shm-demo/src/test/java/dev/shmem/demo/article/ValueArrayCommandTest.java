package dev.shmem.demo.article;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code value-array}: a shared counter under a shared lock and a shared array, across three child JVMs.
 */
class ValueArrayCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsTheArticlesCounterAndArray() throws IOException
    {
        final DemoRun run = DemoRun.run("value-array", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("Counter: 2000\nArray: [1, 1, 1]\n", run.out(), run::toString);
        assertEquals("", run.err());
        assertEquals(0, ChildFailureAssert.logCount(dir));
    }

    @Test
    void theLockKeepsEveryIncrementWhenTheProcessesOverlap()
    {
        // Enough increments that the two children, started about 100 ms apart, run at the same time.
        final DemoRun run = DemoRun.run("value-array", "--no-array", "--increments", "500000",
            "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("Counter: 1000000\n", run.out(), run::toString);
    }

    @Test
    void aFailingIncrementerIsNamedAndNoResultIsPrinted() throws IOException
    {
        final DemoRun run = DemoRun.run("value-array", "--fail-child", "p2", "--log-dir", dir.toString());

        ChildFailureAssert.assertChildFailed(run, "value-array", "p2", "after 501 increments", dir);
        // The child's own output (its stack trace) is copied to standard output, as Python shows a child's
        // traceback; the results are not printed.
        assertFalse(run.out().contains("Counter:") || run.out().contains("Array:"), run::toString);
    }
}

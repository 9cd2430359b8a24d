package dev.shmem.demo.article;

import dev.shmem.demo.DemoRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks how a demo reports a child that failed: exit status 1 and, on standard error, the child's role and pid,
 * how it exited, its exception and its log file, which is kept and holds the exception.
 */
final class ChildFailureAssert
{
    private ChildFailureAssert()
    {
    }

    /**
     * @param run     the demo's run.
     * @param command the subcommand, e.g. {@code process}.
     * @param role    the failed child's role.
     * @param where   what the injected exception's message says after {@code injected failure (--fail-child ROLE) }.
     * @param logs    the log directory given with {@code --log-dir}.
     * @return the failed child's pid.
     * @throws IOException if its log cannot be read.
     */
    static long assertChildFailed(final DemoRun run, final String command, final String role, final String where,
        final Path logs) throws IOException
    {
        assertEquals(1, run.exitCode(), run::toString);
        final Matcher named = Pattern.compile("(?m)^shm-demo " + command + ": child " + Pattern.quote(role) +
            ", pid (\\d+): exited with status 70 after an uncaught exception$").matcher(run.err());
        assertTrue(named.find(), run::toString);
        final long pid = Long.parseLong(named.group(1));
        final String exception = "java.lang.IllegalStateException: injected failure (--fail-child " + role + ") " +
            where;
        assertTrue(run.err().contains("\n  exception: " + exception + "\n"), run::toString);
        final Path log = logs.resolve("shm-child-" + pid + ".log");
        assertTrue(run.err().contains("\n  log: " + log), run::toString);
        assertTrue(Files.readString(log).contains(exception), "the failed child's log holds its exception");
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the child is gone");
        return pid;
    }

    /**
     * @param logs a log directory.
     * @return the log files left in it.
     * @throws IOException if it cannot be listed.
     */
    static long logCount(final Path logs) throws IOException
    {
        if (!Files.isDirectory(logs))
        {
            return 0;
        }
        try (var files = Files.walk(logs))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).count();
        }
    }
}

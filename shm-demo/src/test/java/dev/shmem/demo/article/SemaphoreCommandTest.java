package dev.shmem.demo.article;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code semaphore}: worker JVMs that start together never have more of them inside than the permits.
 */
class SemaphoreCommandTest
{
    private static final Pattern ENTERED = Pattern.compile("Worker (\\d): entered, (\\d+) inside");

    @TempDir
    Path dir;

    @Test
    void neverMoreWorkersInsideThanPermits() throws IOException
    {
        final int workers = 3;
        final DemoRun run = DemoRun.run("semaphore", "--workers", Integer.toString(workers), "--permits", "2",
            "--hold", "0.2", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        final List<String> lines = run.out().lines().toList();
        assertEquals("3 workers, semaphore of 2 permits", lines.get(0));
        for (int i = 0; i < workers; i++)
        {
            final String worker = "Worker " + i + ": ";
            assertEquals(List.of(worker + "waiting for a permit", worker + "entered", worker + "leaving"),
                lines.stream().filter(line -> line.startsWith(worker)).map(line -> line.replaceAll(", \\d+ inside$", ""))
                    .toList(), run::toString);
        }
        int largest = 0;
        for (final String line : lines)
        {
            final Matcher entered = ENTERED.matcher(line);
            if (entered.matches())
            {
                final int inside = Integer.parseInt(entered.group(2));
                assertTrue(inside >= 1 && inside <= 2, line);
                largest = Math.max(largest, inside);
            }
        }
        final Matcher max = Pattern.compile("(?m)^Max concurrency seen: (\\d+) \\(permits: 2\\)$").matcher(run.out());
        assertTrue(max.find(), run::toString);
        final int seen = Integer.parseInt(max.group(1));
        assertTrue(seen >= 1 && seen <= 2, run::toString);
        assertEquals(largest, seen, "the maximum is the largest count a worker printed");
        assertEquals("Permits available at the end: 2 of 2", lines.get(lines.size() - 1));
        assertEquals(0, ChildFailureAssert.logCount(dir));
    }

    @Test
    void oneWorkerFailingInsideIsNamed() throws IOException
    {
        final DemoRun run = DemoRun.run("semaphore", "--workers", "2", "--hold", "0", "--fail-child", "worker-1",
            "--log-dir", dir.toString());

        ChildFailureAssert.assertChildFailed(run, "semaphore", "worker-1", "while holding a permit", dir);
        assertTrue(!run.out().contains("Max concurrency seen"), run::toString);
    }
}

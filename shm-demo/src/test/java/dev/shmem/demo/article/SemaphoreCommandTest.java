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
    private static final Pattern EVENT = Pattern.compile("Worker (\\d): (entered|left), (\\d+) inside");

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
            assertEquals(List.of(worker + "waiting for a permit", worker + "entered", worker + "left"),
                lines.stream().filter(line -> line.startsWith(worker)).map(line -> line.replaceAll(", \\d+ inside$", ""))
                    .toList(), run::toString);
        }
        // Read top to bottom, the lines tell a consistent story: each count is the number of workers that
        // entered and have not left yet, and never more than the permits.
        int largest = 0;
        int inside = 0;
        for (final String line : lines)
        {
            final Matcher event = EVENT.matcher(line);
            if (event.matches())
            {
                inside += event.group(2).equals("entered") ? 1 : -1;
                assertEquals(inside, Integer.parseInt(event.group(3)), () -> line + " in\n" + run);
                assertTrue(inside >= 0 && inside <= 2, line);
                largest = Math.max(largest, inside);
            }
        }
        assertEquals(0, inside, run::toString);
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

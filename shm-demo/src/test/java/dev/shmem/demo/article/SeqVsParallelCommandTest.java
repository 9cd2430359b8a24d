package dev.shmem.demo.article;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code seq-vs-parallel}: heavy_task sequentially and on a pool of two worker JVMs, with small sizes.
 */
class SeqVsParallelCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsTimesSpeedupEqualResultsSerializationAndOverhead() throws IOException
    {
        double expected = 0;
        for (int i = 1; i < 100_000; i++)
        {
            expected += Math.sqrt(i);
        }

        final DemoRun run = DemoRun.run("seq-vs-parallel", "--size", "100000", "--tasks", "4", "-p", "2",
            "--overhead-tasks", "50", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        final String out = run.out();
        assertLine(out, "nums = \\[100000\\] \\* 4; pool of 2 worker JVMs");
        assertLine(out, "Sequential: \\d+\\.\\d\\ds, Parallel: \\d+\\.\\d\\ds");
        assertLine(out, "Speedup: \\d+(\\.\\d+)?x with 2 worker JVMs \\(Parallel includes starting them, as the " +
            "article's Pool does\\)");
        assertLine(out, "Results: the same 4 sums both ways \\(" + Pattern.quote(Double.toString(expected)) +
            ", \\.\\.\\.\\)");
        assertLine(out, "Serialization per task \\(Java serialization, the pool's codec, instead of pickle\\): " +
            "input \\d+ bytes, result \\d+ bytes, \\d+\\.\\d us to encode and decode both");
        assertLine(out, "Pool overhead per task \\(empty task\\): 50 tasks in .+, \\d+\\.\\d us each; one task " +
            "alone: \\d+\\.\\d us round trip");
        assertEquals(0, ChildFailureAssert.logCount(dir));
    }

    @Test
    void aFailingTaskIsNamedWithItsWorkerPidExceptionAndLog()
    {
        final DemoRun run = DemoRun.run("seq-vs-parallel", "--size", "1000", "--tasks", "2", "-p", "1",
            "--fail-child", "worker", "--log-dir", dir.toString());

        assertEquals(1, run.exitCode(), run::toString);
        final Matcher named = Pattern.compile("(?m)^shm-demo seq-vs-parallel: task #1 \\(dev\\.shmem\\.demo\\." +
            "article\\.HeavyTask\\) failed in worker pid (\\d+): java\\.lang\\.IllegalStateException: injected " +
            "failure \\(--fail-child worker\\) in heavy_task\\(1000\\)$").matcher(run.err());
        assertTrue(named.find(), run::toString);
        assertTrue(Pattern.compile("(?m)^  log: .+shm-child-" + named.group(1) + "\\.log$").matcher(run.err()).find(),
            run::toString);
        assertTrue(!run.out().contains("Sequential:"), run::toString);
    }

    private static void assertLine(final String out, final String regex)
    {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(out).find(), "no line matching " + regex + " in\n" +
            out);
    }
}

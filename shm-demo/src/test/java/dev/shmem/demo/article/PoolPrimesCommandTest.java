package dev.shmem.demo.article;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pool-primes}: is_prime sequentially and on a pool of two worker JVMs.
 */
class PoolPrimesCommandTest
{
    @TempDir
    Path dir;

    @Test
    void bothRunsFindThePrimesAndPrintTheArticlesLine() throws IOException
    {
        final long start = 10_000_000;
        final int count = 30;
        long primes = 0;
        for (int i = 0; i < count; i++)
        {
            primes += BigInteger.valueOf(start + i).isProbablePrime(64) ? 1 : 0;
        }

        final DemoRun run = DemoRun.run("pool-primes", "--start", Long.toString(start), "--count",
            Integer.toString(count), "-p", "2", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        final String found = "Found primes: " + primes + " / " + count + " in \\d+\\.\\d\\ds";
        assertLine(run.out(), "Sequential \\(this JVM\\): " + found);
        assertLine(run.out(), "Pool of 2 JVMs: " + found + " \\(including starting and stopping the pool\\)");
        assertLine(run.out(), "Speedup: \\d+(\\.\\d+)?x");
        assertEquals(0, ChildFailureAssert.logCount(dir), "the pool's logs are removed after a run that succeeded");
    }

    @Test
    void smallNumbersAreCountedLikeTheArticlesIsPrime()
    {
        // 0 and 1 are not prime; 2, 3, 5, 7, 11, 13, 17, 19 are.
        final DemoRun run = DemoRun.run("pool-primes", "--start", "0", "--count", "20", "-p", "1",
            "--log-dir", dir.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertLine(run.out(), "Pool of 1 JVM: Found primes: 8 / 20 in .*");
    }

    @Test
    void aFailingTaskIsNamedWithItsInputWorkerPidExceptionAndLog() throws IOException
    {
        final DemoRun run = DemoRun.run("pool-primes", "--start", "100", "--count", "3", "-p", "1",
            "--fail-child", "worker", "--log-dir", dir.toString());

        assertEquals(1, run.exitCode(), run::toString);
        final Matcher named = Pattern.compile("(?m)^shm-demo pool-primes: task #1 \\(dev\\.shmem\\.demo\\.article\\." +
            "IsPrime\\) failed in worker pid (\\d+): java\\.lang\\.IllegalStateException: injected failure " +
            "\\(--fail-child worker\\) in is_prime\\(100\\)$").matcher(run.err());
        assertTrue(named.find(), run::toString);
        assertTrue(run.err().contains("\n  input: 100\n"), run::toString);
        final Matcher log = Pattern.compile("(?m)^  log: (.+shm-child-" + named.group(1) + "\\.log)$")
            .matcher(run.err());
        assertTrue(log.find(), run::toString);
        assertTrue(Path.of(log.group(1)).startsWith(dir), "the worker's log is kept in --log-dir: " + log.group(1));
        assertTrue(run.out().contains("Sequential (this JVM): Found primes: 1 / 3"), run::toString);
    }

    private static void assertLine(final String out, final String regex)
    {
        assertTrue(Pattern.compile("(?m)^" + regex + "$").matcher(out).find(), "no line matching " + regex + " in\n" +
            out);
    }
}

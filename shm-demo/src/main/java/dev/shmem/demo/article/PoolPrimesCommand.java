package dev.shmem.demo.article;

import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import dev.shmem.demo.support.ChildOptions;
import dev.shmem.demo.support.DemoPool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pool-primes}: the article's {@code Pool.map(is_prime, nums)} over {@code [START + i for i in
 * range(COUNT)]}, run once sequentially in this JVM and once on a {@link dev.shmem.pool.JvmPool}, printing the
 * article's {@code Found primes: X / N in T s} for each and the speedup.
 *
 * <p>As in the article, the pool's time includes starting it ({@code with Pool(...)} is inside the timed part):
 * here that is starting the worker JVMs, about a second in all. The article's numbers ({@code 10_000_000 + i for i
 * in range(50)}) take Python milliseconds but Java microseconds, so with them the pool is thousands of times
 * slower than the loop (the article's other point: overhead can make parallelism ineffective). The default input
 * is therefore 2,000 numbers from 10^15, a few seconds of trial division, enough to outweigh starting the pool
 * when the processors are free; when the pool loses anyway the command says why.
 */
@Command(
    name = "pool-primes",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "The article's Pool.map example: is_prime in this JVM, then on a pool of worker JVMs.",
        "Maps is_prime over START, START+1, ... (COUNT numbers) both ways; prints both times and the " +
            "speedup."
    },
    footer = { "", "Exit status: 0 success, 1 a task or worker failed (pid, exception and log are printed), 2 bad usage." })
public final class PoolPrimesCommand implements Callable<Integer>
{
    /** A sequential run shorter than this is too small to gain from a pool: the command says so. */
    private static final long TINY_NANOS = 100_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--start", paramLabel = "N", defaultValue = "1000000000000000",
        description = "First number (default ${DEFAULT-VALUE}, 10^15: heavy enough for the pool to win; " +
            "the article's 10000000 with --count 50 shows the pool's overhead instead).")
    long start;

    @Option(names = "--count", paramLabel = "N", defaultValue = "2000",
        description = "How many numbers, 1 to 1,000,000 (default ${DEFAULT-VALUE}; the article's 50).")
    int count;

    @Option(names = { "-p", "--processes" }, paramLabel = "N",
        description = "Worker JVMs of the pool, 1 to 64 (default: available processors, the article's cpu_count()).")
    Integer processes;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        children.check(List.of(DemoPool.WORKER));
        final int workers = processes != null ? processes : Runtime.getRuntime().availableProcessors();
        if (workers < 1 || workers > 64)
        {
            throw new DemoException(Main.EXIT_USAGE, "--processes " + workers + " is out of range: expected 1 to 64");
        }
        if (count < 1 || count > 1_000_000)
        {
            throw new DemoException(Main.EXIT_USAGE, "--count " + count + " is out of range: expected 1 to 1,000,000");
        }
        if (start < 0 || start > Long.MAX_VALUE - count)
        {
            throw new DemoException(Main.EXIT_USAGE, "--start " + start + " is out of range: expected 0 to " +
                (Long.MAX_VALUE - count));
        }
        final PrintWriter out = spec.commandLine().getOut();
        final List<Long> nums = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            nums.add(start + i);
        }

        final long t0 = System.nanoTime();
        int sequentialPrimes = 0;
        for (final long n : nums)
        {
            sequentialPrimes += IsPrime.isPrime(n) ? 1 : 0;
        }
        final long sequential = System.nanoTime() - t0;
        out.println("Sequential (this JVM): Found primes: " + sequentialPrimes + " / " + nums.size() + " in " +
            Timing.seconds(sequential));
        out.flush();

        final long t1 = System.nanoTime();
        final List<Boolean> results;
        try (DemoPool pool = DemoPool.start(workers, children))
        {
            results = pool.map(IsPrime.class, nums);
        }
        final long parallel = System.nanoTime() - t1;
        final long poolPrimes = results.stream().filter(Boolean::booleanValue).count();
        out.println("Pool of " + workers + " JVM" + (workers == 1 ? "" : "s") + ": Found primes: " + poolPrimes +
            " / " + nums.size() + " in " + Timing.seconds(parallel) + " (including starting and stopping the pool)");
        out.println("Speedup: " + Timing.speedup(sequential, parallel));
        if (poolPrimes != sequentialPrimes)
        {
            throw new DemoException(Main.EXIT_FAILURE, "the pool found " + poolPrimes + " primes, the sequential " +
                "run " + sequentialPrimes + ": one of them is wrong");
        }
        if (parallel > sequential)
        {
            out.println(whyThePoolLost(sequential, workers));
        }
        return 0;
    }

    private static String whyThePoolLost(final long sequential, final int workers)
    {
        final String jvms = workers + " JVM" + (workers == 1 ? "" : "s");
        if (sequential < TINY_NANOS)
        {
            return "The pool is slower: the whole sequential run took " + Timing.seconds(sequential) +
                ", less than starting " + jvms + " and sending them the tasks (the article's warning about " +
                "overhead; the default input, --start 1000000000000000 --count 2000, is heavy enough to gain).";
        }
        final int processors = Runtime.getRuntime().availableProcessors();
        final double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return "The pool is slower although the work is heavy: its " + jvms + " share this machine's " +
            processors + " processor" + (processors == 1 ? "" : "s") + " with other programs" +
            (load >= 0 ? String.format(" (load average %.1f)", load) : "") + ", so they cannot run side by side, " +
            "and starting and stopping them costs about a second. With the processors free, expect about the " +
            "sequential time divided by the workers, plus that second.";
    }
}

package dev.shmem.demo.article;

import dev.shmem.pool.JavaSerializationCodec;
import dev.shmem.pool.PoolCodec;
import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import dev.shmem.demo.support.ChildOptions;
import dev.shmem.demo.support.DemoPool;
import dev.shmem.demo.text.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code seq-vs-parallel}: the article's benchmark. {@code heavy_task(n)} (the sum of {@code sqrt(i)} for
 * {@code i < n}) over {@code nums = [n] * 8}, sequentially in this JVM and then on a {@link dev.shmem.pool.JvmPool} of
 * {@code cpu_count()} worker JVMs, printing the article's {@code Sequential: Xs, Parallel: Ys}, the speedup, and
 * what the article warns about: the cost of serializing inputs and results (here Java serialization, the pool's
 * codec, in place of pickle) and the pool's overhead per task, measured with an empty task.
 *
 * <p>The default {@code n} is 200,000,000, 100 times the article's 2,000,000: Java runs the loop about 100 times
 * faster than CPython, so this keeps the sequential run at a few seconds. As in the article, the parallel time
 * includes starting the pool (here: its JVMs); the overhead measurement runs on the same pool afterwards.
 */
@Command(
    name = "seq-vs-parallel",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "The article's benchmark: heavy_task in this JVM vs on a pool of worker JVMs.",
        "heavy_task(n) = sum of sqrt(i) for i < n, over [n] * TASKS, both ways; prints both times, the " +
            "speedup, the serialization cost per task and the pool's overhead per task (an empty task)."
    },
    footer = { "", "Exit status: 0 success, 1 a task or worker failed (pid, exception and log are printed), 2 bad usage." })
public final class SeqVsParallelCommand implements Callable<Integer>
{
    private static final int CODEC_ROUNDS = 20_000;

    @Spec
    CommandSpec spec;

    @Option(names = { "-n", "--size" }, paramLabel = "N", defaultValue = "200000000",
        description = "heavy_task's n, 1 to 10^12 (default ${DEFAULT-VALUE}; the article's 2000000 is 100 times " +
            "smaller, for CPython).")
    long size;

    @Option(names = { "-t", "--tasks" }, paramLabel = "N", defaultValue = "8",
        description = "How many tasks, 1 to 10,000 (default ${DEFAULT-VALUE}, the article's [n] * 8).")
    int tasks;

    @Option(names = { "-p", "--processes" }, paramLabel = "N",
        description = "Worker JVMs of the pool, 1 to 64 (default: available processors, the article's cpu_count()).")
    Integer processes;

    @Option(names = "--overhead-tasks", paramLabel = "N", defaultValue = "1000",
        description = "Empty tasks timed to measure the pool's overhead per task, 1 to 1,000,000 " +
            "(default ${DEFAULT-VALUE}).")
    int overheadTasks;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        children.check(List.of(DemoPool.WORKER));
        final int workers = processes != null ? processes : Runtime.getRuntime().availableProcessors();
        checkRange("--processes", workers, 1, 64);
        checkRange("--size", size, 1, 1_000_000_000_000L);
        checkRange("--tasks", tasks, 1, 10_000);
        checkRange("--overhead-tasks", overheadTasks, 1, 1_000_000);
        final PrintWriter out = spec.commandLine().getOut();
        final List<Long> nums = Collections.nCopies(tasks, size);
        out.println("nums = [" + size + "] * " + tasks + "; pool of " + workers + " worker JVM" +
            (workers == 1 ? "" : "s"));
        out.flush();

        final long t0 = System.nanoTime();
        final List<Double> sequentialResults = new ArrayList<>();
        for (final long n : nums)
        {
            sequentialResults.add(HeavyTask.heavyTask(n));
        }
        final long seq = System.nanoTime() - t0;

        final long par;
        final List<Double> parallelResults;
        final Overhead overhead;
        final long t1 = System.nanoTime();
        try (DemoPool pool = DemoPool.start(workers, children))
        {
            parallelResults = pool.map(HeavyTask.class, nums);
            par = System.nanoTime() - t1;
            overhead = measureOverhead(pool);
        }

        out.println("Sequential: " + Timing.seconds(seq) + ", Parallel: " + Timing.seconds(par));
        out.println("Speedup: " + Timing.speedup(seq, par) + " with " + workers + " worker JVM" +
            (workers == 1 ? "" : "s") + " (Parallel includes starting them, as the article's Pool does)");
        if (!sequentialResults.equals(parallelResults))
        {
            throw new DemoException(Main.EXIT_FAILURE, "the pool's results " + parallelResults +
                " differ from the sequential ones " + sequentialResults);
        }
        out.println("Results: the same " + tasks + " sum" + (tasks == 1 ? "" : "s") + " both ways (" +
            sequentialResults.get(0) + (tasks == 1 ? ")" : ", ...)"));
        printSerialization(out, nums.get(0), sequentialResults.get(0));
        out.println("Pool overhead per task (empty task): " + Format.count(overheadTasks) + " tasks in " +
            Format.duration(overhead.batchNanos) + ", " + Timing.micros((double)overhead.batchNanos / overheadTasks) +
            " each; one task alone: " + Timing.micros(overhead.singleNanos) + " round trip");
        out.println("Time per heavy task: " + Format.duration(seq / tasks) + " in this JVM");
        return 0;
    }

    private Overhead measureOverhead(final DemoPool pool) throws InterruptedException
    {
        final List<Long> inputs = new ArrayList<>();
        for (long i = 0; i < overheadTasks; i++)
        {
            inputs.add(i);
        }
        // Warm-up: the first tasks of a worker load and compile the code paths.
        pool.map(EmptyTask.class, inputs.subList(0, Math.min(inputs.size(), 200)));
        final long single0 = System.nanoTime();
        final int rounds = 20;
        for (long i = 0; i < rounds; i++)
        {
            pool.map(EmptyTask.class, List.of(i));
        }
        final long single = (System.nanoTime() - single0) / rounds;
        final long batch0 = System.nanoTime();
        final List<Long> echoed = pool.map(EmptyTask.class, inputs);
        final long batch = System.nanoTime() - batch0;
        if (!echoed.equals(inputs))
        {
            throw new DemoException(Main.EXIT_FAILURE, "the empty tasks did not return their inputs in order");
        }
        return new Overhead(batch, single);
    }

    /**
     * Encodes and decodes one input and one result with the pool's codec, as the pool does for every task, many
     * times in this JVM, and prints the bytes and the time per task.
     */
    private static void printSerialization(final PrintWriter out, final Long input, final Double result)
    {
        final PoolCodec codec = new JavaSerializationCodec();
        try
        {
            final int inputBytes = codec.encode(input).length;
            final int resultBytes = codec.encode(result).length;
            for (int i = 0; i < CODEC_ROUNDS; i++)
            {
                roundTrip(codec, input, result);
            }
            final long start = System.nanoTime();
            for (int i = 0; i < CODEC_ROUNDS; i++)
            {
                roundTrip(codec, input, result);
            }
            final double perTask = (double)(System.nanoTime() - start) / CODEC_ROUNDS;
            out.println("Serialization per task (Java serialization, the pool's codec, instead of pickle): input " +
                inputBytes + " bytes, result " + resultBytes + " bytes, " + Timing.micros(perTask) +
                " to encode and decode both");
        }
        catch (final Exception ex)
        {
            throw new DemoException(Main.EXIT_FAILURE, "cannot encode or decode with " +
                codec.getClass().getSimpleName() + ": " + ex, ex);
        }
    }

    private static void roundTrip(final PoolCodec codec, final Long input, final Double result) throws Exception
    {
        if (!input.equals(codec.decode(codec.encode(input))) || !result.equals(codec.decode(codec.encode(result))))
        {
            throw new IllegalStateException("a value changed going through the codec");
        }
    }

    private static void checkRange(final String option, final long value, final long min, final long max)
    {
        if (value < min || value > max)
        {
            throw new DemoException(Main.EXIT_USAGE, option + " " + value + " is out of range: expected " + min +
                " to " + max);
        }
    }

    /** Pool overhead: a batch of empty tasks, and one task's round trip alone. */
    private record Overhead(long batchNanos, double singleNanos)
    {
    }
}

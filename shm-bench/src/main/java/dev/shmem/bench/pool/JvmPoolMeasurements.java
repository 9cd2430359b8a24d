package dev.shmem.bench.pool;

import dev.shmem.pool.JvmPool;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link JvmPool} side of the {@link PoolBenchmark}: one pool of {@code --workers} child JVMs, measured in
 * this order: start (create to the first result of an empty task), sequential round trips of empty tasks
 * ({@code submit(...).get()}), {@code map} throughput of empty tasks on {@code Integer} inputs {@code 0..n-1},
 * (warmed up by at least 2,000 maps, or a minute, unless {@code --warmup} is under a second), then the seed article's heavy map against the same inputs run one after the other in this JVM (at the
 * article's size, then at {@code --heavy-long-n}), then {@link PoolStartMeasurements}.
 *
 * <p>Checks: every empty task returns its input ({@code null} one by one, the {@code Integer} in a map); the heavy
 * map's results equal the sequential ones exactly. Every wait is bounded: one result by {@code --task-timeout}, and the pool itself kills a worker
 * whose task runs longer ({@code JvmPool.Builder.taskTimeout}).
 */
final class JvmPoolMeasurements
{
    private static final int MAP_WARMUP_CALLS = 2000;
    private static final long MAP_WARMUP_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    private JvmPoolMeasurements()
    {
    }

    static PoolFigures run(final PoolSettings settings, final PrintStream log) throws Exception
    {
        final List<Integer> heavyInputs = Collections.nCopies(settings.heavyTasks(), settings.heavyN());
        final List<Object> mapInputs = new ArrayList<>();
        for (int i = 0; i < settings.mapTasks(); i++)
        {
            mapInputs.add(i);
        }
        final long created = System.nanoTime();
        try (JvmPool pool = JvmPool.builder().workers(settings.workers()).taskTimeout(settings.taskTimeout())
            .closeTimeout(settings.taskTimeout()).logDirectory(settings.workDirectory()).build())
        {
            await(pool.submit(EmptyTask.class, null), settings.taskTimeout());
            final double startSeconds = (System.nanoTime() - created) / 1e9;
            // Every worker up before anything is timed.
            checkEmpty(pool.map(EmptyTask.class, Collections.nCopies(4 * settings.workers(), null)),
                4 * settings.workers());

            log.println("JvmPool: empty task round trips (submit + get) ...");
            final Histogram roundTrips = new Histogram(3);
            final double roundTripsPerSecond = roundTrips(pool, settings, roundTrips);

            log.println("JvmPool: map of " + settings.mapTasks() + " empty tasks on Integer inputs ...");
            final double mapTasksPerSecond = mapThroughput(pool, settings, mapInputs);

            log.println("JvmPool: heavy_task x " + settings.heavyTasks() + ", sequential and map ...");
            final List<Double> expected = sequential(heavyInputs);
            sequential(heavyInputs);
            long begin = System.nanoTime();
            checkHeavy(pool.map(HeavyTask.class, heavyInputs), expected);
            final double coldSeconds = (System.nanoTime() - begin) / 1e9;
            checkHeavy(pool.map(HeavyTask.class, heavyInputs), expected);
            final List<Double> sequentialTimes = new ArrayList<>();
            final List<Double> parallelTimes = new ArrayList<>();
            for (int round = 0; round < settings.rounds(); round++)
            {
                begin = System.nanoTime();
                final List<Double> values = sequential(heavyInputs);
                sequentialTimes.add((System.nanoTime() - begin) / 1e9);
                checkHeavy(values, expected);
                begin = System.nanoTime();
                final List<Double> parallel = pool.map(HeavyTask.class, heavyInputs);
                parallelTimes.add((System.nanoTime() - begin) / 1e9);
                checkHeavy(parallel, expected);
            }
            final double[] longHeavy = longHeavy(pool, settings, log);
            pool.close();
            final double[] start = settings.startRounds() == 0 ? new double[] { Double.NaN, Double.NaN } :
                PoolStartMeasurements.run(settings, log);
            return new PoolFigures(startSeconds, roundTripsPerSecond,
                roundTrips.getValueAtPercentile(50) / 1e3, roundTrips.getValueAtPercentile(99) / 1e3,
                mapTasksPerSecond, Double.NaN, median(sequentialTimes), median(parallelTimes), coldSeconds,
                longHeavy[0], longHeavy[1], start[0], start[1]);
        }
    }

    /**
     * @return median sequential and map seconds of the heavy inputs at {@code --heavy-long-n}, NaN if skipped.
     */
    private static double[] longHeavy(final JvmPool pool, final PoolSettings settings, final PrintStream log)
        throws InterruptedException
    {
        if (settings.heavyLongN() == 0)
        {
            return new double[] { Double.NaN, Double.NaN };
        }
        log.println("JvmPool: heavy_task(" + settings.heavyLongN() + ") x " + settings.heavyTasks() +
            ", sequential and map ...");
        final List<Integer> inputs = Collections.nCopies(settings.heavyTasks(), settings.heavyLongN());
        final List<Double> expected = sequential(inputs);
        checkHeavy(pool.map(HeavyTask.class, inputs), expected);
        final List<Double> sequentialTimes = new ArrayList<>();
        final List<Double> parallelTimes = new ArrayList<>();
        for (int round = 0; round < settings.rounds(); round++)
        {
            long begin = System.nanoTime();
            checkHeavy(sequential(inputs), expected);
            sequentialTimes.add((System.nanoTime() - begin) / 1e9);
            begin = System.nanoTime();
            checkHeavy(pool.map(HeavyTask.class, inputs), expected);
            parallelTimes.add((System.nanoTime() - begin) / 1e9);
        }
        return new double[] { median(sequentialTimes), median(parallelTimes) };
    }

    private static double roundTrips(final JvmPool pool, final PoolSettings settings, final Histogram latency)
        throws Exception
    {
        final long warmEnd = System.nanoTime() + settings.warmup().toNanos();
        while (System.nanoTime() - warmEnd < 0)
        {
            checkEmpty(await(pool.submit(EmptyTask.class, null), settings.taskTimeout()));
        }
        final long begin = System.nanoTime();
        final long end = begin + settings.duration().toNanos();
        long now = begin;
        long count = 0;
        while (now - end < 0)
        {
            checkEmpty(await(pool.submit(EmptyTask.class, null), settings.taskTimeout()));
            final long later = System.nanoTime();
            latency.recordValue(later - now);
            now = later;
            count++;
        }
        return count * 1e9 / (now - begin);
    }

    private static double mapThroughput(final JvmPool pool, final PoolSettings settings, final List<Object> inputs)
        throws InterruptedException
    {
        // The warm-up time, and at least MAP_WARMUP_CALLS maps: the JIT of the parent and of both workers must have
        // compiled the path, which takes seconds on a loaded machine (CPython has nothing to compile).
        final long warmEnd = System.nanoTime() + settings.warmup().toNanos();
        final long warmLimit = System.nanoTime() + MAP_WARMUP_LIMIT_NANOS;
        // A warm-up under a second (the smoke test's) asks for no minimum count.
        final int minimumCalls = settings.warmup().compareTo(Duration.ofSeconds(1)) < 0 ? 0 : MAP_WARMUP_CALLS;
        for (int calls = 0; System.nanoTime() - warmEnd < 0 ||
            (calls < minimumCalls && System.nanoTime() - warmLimit < 0); calls++)
        {
            checkEcho(pool.map(EmptyTask.class, inputs), inputs);
        }
        final long begin = System.nanoTime();
        long calls = 0;
        long now;
        do
        {
            checkEcho(pool.map(EmptyTask.class, inputs), inputs);
            calls++;
            now = System.nanoTime();
        }
        while (now - begin < settings.duration().toNanos());
        return calls * inputs.size() * 1e9 / (now - begin);
    }

    private static List<Double> sequential(final List<Integer> inputs)
    {
        final List<Double> values = new ArrayList<>(inputs.size());
        for (final int n : inputs)
        {
            values.add(HeavyTask.heavy(n));
        }
        return values;
    }

    private static <T> T await(final CompletableFuture<T> future, final Duration timeout)
        throws InterruptedException, ExecutionException
    {
        try
        {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("no result within " + timeout, ex);
        }
    }

    private static void checkEmpty(final Object result)
    {
        if (result != null)
        {
            throw new IllegalStateException("the empty task returned " + result + ", expected its input null");
        }
    }

    private static void checkEmpty(final List<Object> results, final int expected)
    {
        if (results.size() != expected)
        {
            throw new IllegalStateException("map returned " + results.size() + " results, expected " + expected);
        }
        results.forEach(JvmPoolMeasurements::checkEmpty);
    }

    private static void checkEcho(final List<Object> results, final List<Object> inputs)
    {
        if (!results.equals(inputs))
        {
            throw new IllegalStateException("map of " + inputs.size() + " inputs returned other values: " +
                (results.size() == inputs.size() ? "first difference at " + firstDifference(results, inputs) :
                results.size() + " results"));
        }
    }

    private static int firstDifference(final List<Object> results, final List<Object> inputs)
    {
        for (int i = 0; i < inputs.size(); i++)
        {
            if (!inputs.get(i).equals(results.get(i)))
            {
                return i;
            }
        }
        return -1;
    }

    private static void checkHeavy(final List<Double> actual, final List<Double> expected)
    {
        if (!actual.equals(expected))
        {
            throw new IllegalStateException("heavy results " + actual + " differ from the sequential " + expected);
        }
    }

    static double median(final List<Double> values)
    {
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((sorted.size() - 1) / 2);
    }
}

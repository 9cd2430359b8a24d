package dev.shmem.bench.sync;

import dev.shmem.SharedLongArray;
import dev.shmem.SharedRegion;
import dev.shmem.bench.runner.PythonScript;
import dev.shmem.process.ChildJvm;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Barrier round trips per second with N JVMs ({@code SharedBarrier}) beside N threads of one JVM
 * ({@link CyclicBarrier}) and N Python processes ({@code multiprocessing.Barrier}); condition ping-pong round
 * trips per second between 2 JVMs ({@code SharedCondition}) beside 2 threads ({@code ReentrantLock}'s condition)
 * and 2 Python processes ({@code multiprocessing.Condition}). All in one run, so the ratios compare figures taken
 * under the same machine load. Each process times its own loop after a warm-up; the slowest gives the rate.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -cp shm-bench/target/benchmarks.jar \
 *     dev.shmem.bench.sync.SyncBenchmark --parties 2,4 --round-trips 20000
 * </pre>
 */
@Command(name = "sync-benchmark", mixinStandardHelpOptions = true,
    description = "Barrier and condition round trips across JVMs beside j.u.c and Python multiprocessing.")
public final class SyncBenchmark implements Callable<Integer>
{
    @Option(names = "--parties", split = ",", defaultValue = "2,4", description = "barrier parties (default 2,4)")
    private List<Integer> parties;

    @Option(names = "--round-trips", defaultValue = "20000", description = "timed round trips (default 20000)")
    private int roundTrips;

    @Option(names = "--warmup", defaultValue = "5000", description = "round trips before timing (default 5000)")
    private int warmup;

    @Option(names = "--python", defaultValue = "python3", description = "Python 3, or 'none' (default python3)")
    private String python;

    @Option(names = "--dir", description = "where the region file goes (default /dev/shm)")
    private Path dir;

    private final PrintStream out = System.out;

    /**
     * @param args see {@code --help}.
     */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new SyncBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        if (roundTrips < 1 || warmup < 0 || parties.stream().anyMatch(p -> p < 2 || p > 16))
        {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "expected --round-trips >= 1, --warmup >= 0, --parties of 2 to 16");
        }
        final Path work = Files.createTempDirectory(dir != null ? dir : Path.of("/dev/shm"), "sync-bench-");
        try
        {
            out.printf("%-28s %14s %14s %14s %10s %10s%n", "round trips/s", "shm (JVMs)", "j.u.c (threads)",
                "Python (procs)", "shm/j.u.c", "shm/Python");
            for (final int n : parties)
            {
                final double shm = shmBarrier(work, n);
                final double juc = jucBarrier(n);
                final double py = python(work, "barrier", n);
                row("barrier, " + n + " parties", shm, juc, py);
            }
            final double shm = shmPingPong(work);
            final double juc = jucPingPong();
            final double py = python(work, "condition", 2);
            row("condition ping-pong, 2 sides", shm, juc, py);
            return 0;
        }
        finally
        {
            try (var files = Files.walk(work))
            {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void row(final String what, final double shm, final double juc, final double py)
    {
        out.printf("%-28s %14.0f %14.0f %14s %9.2fx %10s%n", what, shm, juc, py > 0 ? String.format("%.0f", py) : "-",
            shm / juc, py > 0 ? String.format("%.1fx", shm / py) : "-");
    }

    private double shmBarrier(final Path work, final int n) throws IOException, InterruptedException
    {
        final Path path = work.resolve("barrier-" + n + ".shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            region.barrier(SyncChildren.BARRIER, n);
            final SharedLongArray elapsed = region.longArray(SyncChildren.ELAPSED, n);
            final List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < n; i++)
            {
                children.add(ChildJvm.start(SyncChildren.BarrierParty.class, path.toString(), Integer.toString(i),
                    Integer.toString(n), Integer.toString(warmup), Integer.toString(roundTrips)));
            }
            awaitAll(children);
            return rate(elapsed, n);
        }
    }

    private double shmPingPong(final Path work) throws IOException, InterruptedException
    {
        final Path path = work.resolve("pingpong.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            region.reentrantLock(SyncChildren.LOCK).newCondition(SyncChildren.CONDITION);
            final SharedLongArray elapsed = region.longArray(SyncChildren.ELAPSED, 2);
            final List<ChildJvm> children = new ArrayList<>();
            for (int me = 0; me < 2; me++)
            {
                children.add(ChildJvm.start(SyncChildren.PingPongSide.class, path.toString(), Integer.toString(me),
                    Integer.toString(warmup), Integer.toString(roundTrips)));
            }
            awaitAll(children);
            return rate(elapsed, 2);
        }
    }

    private double rate(final SharedLongArray elapsed, final int n)
    {
        long slowest = 0;
        for (int i = 0; i < n; i++)
        {
            slowest = Math.max(slowest, elapsed.get(i));
        }
        return roundTrips * 1e9 / slowest;
    }

    private static void awaitAll(final List<ChildJvm> children) throws InterruptedException
    {
        try
        {
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(Duration.ofSeconds(SyncChildren.TIMEOUT_SECONDS * 2));
            }
        }
        finally
        {
            children.forEach(ChildJvm::close);
        }
    }

    private double jucBarrier(final int n) throws Exception
    {
        final CyclicBarrier barrier = new CyclicBarrier(n);
        final long[] elapsed = new long[n];
        runThreads(n, i ->
        {
            for (int k = 0; k < warmup; k++)
            {
                barrier.await(SyncChildren.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            final long begin = System.nanoTime();
            for (int k = 0; k < roundTrips; k++)
            {
                barrier.await(SyncChildren.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            elapsed[i] = System.nanoTime() - begin;
        });
        return roundTrips * 1e9 / java.util.Arrays.stream(elapsed).max().orElseThrow();
    }

    private double jucPingPong() throws Exception
    {
        final ReentrantLock lock = new ReentrantLock();
        final Condition turnChanged = lock.newCondition();
        final int[] turn = new int[1];
        final long[] elapsed = new long[2];
        runThreads(2, me ->
        {
            for (int phase = 0; phase < 2; phase++)
            {
                final long begin = System.nanoTime();
                for (int k = 0, count = phase == 0 ? warmup : roundTrips; k < count; k++)
                {
                    lock.lock();
                    try
                    {
                        while (turn[0] != me)
                        {
                            if (!turnChanged.await(SyncChildren.TIMEOUT_SECONDS, TimeUnit.SECONDS))
                            {
                                throw new IllegalStateException("no turn");
                            }
                        }
                        turn[0] = 1 - me;
                        turnChanged.signal();
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }
                elapsed[me] = System.nanoTime() - begin;
            }
        });
        return roundTrips * 1e9 / Math.max(elapsed[0], elapsed[1]);
    }

    private double python(final Path work, final String scenario, final int n) throws Exception
    {
        if (python.equals("none"))
        {
            return -1;
        }
        try
        {
            final Map<String, String> result = PythonScript.run(python, work, "python-" + scenario + "-" + n,
                List.of("--scenario", scenario, "--processes", Integer.toString(n), "--round-trips",
                    Integer.toString(roundTrips), "--warmup-round-trips", Integer.toString(warmup)),
                Duration.ofSeconds(SyncChildren.TIMEOUT_SECONDS * 2));
            return Double.parseDouble(result.get("round_trips_per_second"));
        }
        catch (final PythonScript.UnavailableException ex)
        {
            out.println("(Python baseline skipped: " + ex.getMessage() + ")");
            return -1;
        }
    }

    @FunctionalInterface
    private interface Body
    {
        void run(int index) throws Exception;
    }

    private static void runThreads(final int n, final Body body) throws Exception
    {
        final List<Thread> threads = new ArrayList<>();
        final Exception[] failure = new Exception[1];
        for (int i = 0; i < n; i++)
        {
            final int index = i;
            final Thread thread = new Thread(() ->
            {
                try
                {
                    body.run(index);
                }
                catch (final Exception ex)
                {
                    synchronized (failure)
                    {
                        failure[0] = ex;
                    }
                }
            }, "sync-bench-" + i);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads)
        {
            thread.join(TimeUnit.SECONDS.toMillis(SyncChildren.TIMEOUT_SECONDS * 2));
        }
        synchronized (failure)
        {
            if (failure[0] != null)
            {
                throw failure[0];
            }
        }
    }
}

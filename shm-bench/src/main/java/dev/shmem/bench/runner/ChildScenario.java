package dev.shmem.bench.runner;

import dev.shmem.process.ChildJvm;
import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import dev.shmem.bench.BenchFiles;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scenario run by N child JVMs ({@code --processes}) on one fresh region, each calling the operation of its
 * {@link Worker} in a loop. The runner (parent) creates the region and calls {@link #prepare}, starts the
 * children with {@link ChildJvm}, waits until all are ready, runs the warm-up and the measurement window
 * ({@link Phase}), waits for every child to succeed, then calls {@link #verify} with their reports (a scenario
 * checks its invariant there, e.g. that a shared counter equals the sum of all operations) and sums the
 * children's rates.
 *
 * <p>A subclass is public, has a public no-argument constructor (the children create their own instance by class
 * name) and keeps no state between {@link #prepare}, {@link #worker} and {@link #verify}: they run in different
 * JVMs and share only the region and the files named through {@link ParentContext#file(String)}.
 *
 * <h2>Failure modes</h2>
 * Every wait is bounded by {@link RunSettings#childTimeout()} (start, stop) or by the run's length plus it. A child
 * that dies makes the scenario fail with the child's exception (from {@link ChildJvm#awaitSuccess}) as soon as
 * the parent notices; the other children are then killed. Logs of failed children are kept in the work
 * directory, those of successful ones are deleted.
 */
public abstract class ChildScenario implements Scenario
{
    /** How a scenario records latency. */
    public enum LatencyMode
    {
        /** Not recorded. */
        NONE,
        /** The harness times every operation. */
        PER_OPERATION,
        /** The worker records its own values into {@link WorkerContext#latency()}. */
        WORKER
    }

    /** Capacity of a scenario's region. */
    public static final long REGION_CAPACITY = 1L << 20;

    private static final long POLL_MILLIS = 20;

    /**
     * Parent side, before the children start: create the entries and files the workers use.
     *
     * @param context the scenario's region.
     * @throws Exception if preparing fails.
     */
    protected void prepare(final ParentContext context) throws Exception
    {
    }

    /**
     * Child side: set up this process's worker (look up entries, open files). Runs in the child JVM.
     *
     * @param context the child's view of the run.
     * @return the worker.
     * @throws Exception if it cannot be set up; the child dies with it.
     */
    public abstract Worker worker(WorkerContext context) throws Exception;

    /**
     * Parent side, after every child has succeeded: check the scenario's invariant.
     *
     * @param context the scenario's region.
     * @param reports the children's reports, by index.
     * @throws Exception (typically {@link IllegalStateException}) if the invariant does not hold.
     */
    protected void verify(final ParentContext context, final List<ChildReport> reports) throws Exception
    {
    }

    /**
     * @return how latency is recorded: not at all (the default), per operation by the harness (worth it only for
     * operations much longer than a {@code System.nanoTime()} call, about 20 ns), or by the worker itself into
     * {@link WorkerContext#latency()} (for latencies that are not the length of an operation, such as a wake-up).
     */
    protected LatencyMode latencyMode()
    {
        return LatencyMode.NONE;
    }

    /**
     * @return operations between two looks at the phase word (default {@value ChildHarness#BATCH}); 1 for
     * operations that take milliseconds.
     */
    protected int batchSize()
    {
        return ChildHarness.BATCH;
    }

    /**
     * @param settings the run's settings.
     * @return how many children this scenario runs (default {@code --processes}; a two-party scenario says 2).
     */
    protected int processes(final RunSettings settings)
    {
        return settings.processes();
    }

    /**
     * @return the capacity of the scenario's region (default {@value #REGION_CAPACITY} bytes); a scenario with
     * large entries, such as a queue of 1 KiB messages, asks for more.
     */
    protected long regionCapacity()
    {
        return REGION_CAPACITY;
    }

    /**
     * Whether a child's operations make the scenario's ops/s. By default every child's do; in a producer/consumer
     * scenario only the consumers' (one message delivered is one operation, not two).
     *
     * @param index     the child's index.
     * @param processes number of children.
     * @return true if its operations are summed into the scenario's ops/s.
     */
    protected boolean countsTowardsRate(final int index, final int processes)
    {
        return true;
    }

    /**
     * Parent side, after {@link #verify}: derive scenario-specific metrics from the reports (the default adds
     * nothing; every worker counter is already reported as a total and a rate).
     *
     * @param reports the children's reports.
     * @param metrics the result's metrics, to add to.
     */
    protected void addMetrics(final List<ChildReport> reports, final Map<String, Double> metrics)
    {
    }

    /**
     * @return the name of a worker counter whose value is operations made outside the harness thread (a second
     * thread of the same JVM, for a j.u.c baseline), added to the scenario's operations and ops/s; null if none.
     */
    protected String extraOpsCounter()
    {
        return null;
    }

    /**
     * @return extra JVM flags for the children (default none), e.g. the module openings a library needs.
     */
    protected List<String> jvmArgs()
    {
        return List.of();
    }

    /**
     * @return a remark shown with the result, or null.
     */
    protected String note()
    {
        return null;
    }

    @Override
    public final ScenarioResult run(final RunSettings settings, final PrintStream log) throws Exception
    {
        Files.createDirectories(settings.workDirectory());
        final Path regionPath = BenchFiles.newPath(settings.directory(), name(), ".shm");
        final List<ChildJvm> children = new ArrayList<>();
        final List<Path> reportFiles = new ArrayList<>();
        ParentContext context = null;
        boolean succeeded = false;
        try (SharedRegion region = SharedRegion.create(regionPath, regionCapacity()))
        {
            final Phase.Word phase = new Phase.Word(region);
            final SharedLong ready = region.longValue(Phase.READY_ENTRY);
            final int processes = processes(settings);
            context = new ParentContext(region, processes);
            prepare(context);
            final Duration runTimeout = settings.warmup().plus(settings.duration()).plus(settings.childTimeout());
            for (int i = 0; i < processes; i++)
            {
                final Path reportFile = settings.workDirectory().resolve(
                    regionPath.getFileName() + "-child-" + i + ".properties");
                reportFiles.add(reportFile);
                children.add(ChildJvm.builder(ChildHarness.class)
                    .jvmArgs(jvmArgs().toArray(new String[0]))
                    .logDirectory(settings.workDirectory())
                    .args(getClass().getName(), regionPath.toString(), Integer.toString(i),
                        Integer.toString(processes), reportFile.toString(), latencyMode().name(),
                        Integer.toString(batchSize()),
                        Long.toString(settings.childTimeout().multipliedBy(2).toMillis()),
                        Long.toString(runTimeout.toMillis()))
                    .start());
            }
            awaitReady(ready, children, settings.childTimeout());
            phase.set(Phase.WARMUP);
            watch(children, settings.warmup());
            phase.set(Phase.MEASURE);
            watch(children, settings.duration());
            phase.set(Phase.STOP);
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(settings.childTimeout());
            }
            final List<ChildReport> reports = new ArrayList<>();
            for (final Path reportFile : reportFiles)
            {
                reports.add(ChildReport.read(reportFile));
            }
            verify(context, reports);
            final ScenarioResult result = aggregate(reports);
            succeeded = true;
            return result;
        }
        finally
        {
            for (final ChildJvm child : children)
            {
                child.close();
                if (succeeded)
                {
                    BenchFiles.deleteQuietly(child.logFile());
                }
                else
                {
                    log.println("  child pid " + child.pid() + " log: " + child.logFile());
                }
            }
            reportFiles.forEach(BenchFiles::deleteQuietly);
            if (context != null)
            {
                context.files().forEach(BenchFiles::deleteQuietly);
            }
            BenchFiles.deleteQuietly(regionPath);
        }
    }

    /**
     * Throws if {@code actual != expected}, naming both.
     *
     * @param what     what is compared, e.g. "final counter".
     * @param expected the expected value.
     * @param actual   the value found.
     */
    protected static void expectEqual(final String what, final long expected, final long actual)
    {
        if (expected != actual)
        {
            throw new IllegalStateException(what + " is " + actual + ", expected " + expected +
                " (" + (actual - expected) + ")");
        }
    }

    /**
     * @param reports the children's reports.
     * @return the sum of the operations they performed in all phases.
     */
    protected static long totalOps(final List<ChildReport> reports)
    {
        long total = 0;
        for (final ChildReport report : reports)
        {
            total += report.totalOps();
        }
        return total;
    }

    /**
     * @param className a {@link ChildScenario} subclass with a public no-argument constructor.
     * @return a new instance of it.
     * @throws ReflectiveOperationException if it cannot be created.
     * @throws IllegalArgumentException if it is not a {@code ChildScenario}.
     */
    static ChildScenario instantiate(final String className) throws ReflectiveOperationException
    {
        final Class<?> type = Class.forName(className);
        if (!ChildScenario.class.isAssignableFrom(type))
        {
            throw new IllegalArgumentException(className + " is not a " + ChildScenario.class.getName());
        }
        return (ChildScenario)type.getConstructor().newInstance();
    }

    private ScenarioResult aggregate(final List<ChildReport> reports)
    {
        double opsPerSecond = 0;
        long measuredOps = 0;
        Histogram latency = null;
        final Map<String, Double> metrics = new TreeMap<>();
        for (final ChildReport report : reports)
        {
            if (countsTowardsRate(report.index(), reports.size()))
            {
                opsPerSecond += report.opsPerSecond();
                measuredOps += report.measuredOps();
                final Long extra = extraOpsCounter() == null ? null : report.counters().get(extraOpsCounter());
                if (extra != null)
                {
                    opsPerSecond += extra * 1e9 / report.measuredNanos();
                    measuredOps += extra;
                }
            }
            if (report.latency() != null)
            {
                if (latency == null)
                {
                    latency = new Histogram(3);
                }
                latency.add(report.latency());
            }
            report.counters().forEach((name, value) ->
            {
                metrics.merge(name, (double)value, Double::sum);
                metrics.merge(name + "/s", value * 1e9 / report.measuredNanos(), Double::sum);
            });
        }
        addMetrics(reports, metrics);
        return ScenarioResult.ok(name(), reports.size(), opsPerSecond, measuredOps, latency, metrics, note());
    }

    private static void awaitReady(final SharedLong ready, final List<ChildJvm> children, final Duration timeout)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (ready.get() < children.size())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("only " + ready.get() + " of " + children.size() +
                    " children were ready after " + timeout);
            }
            checkAlive(children);
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static void watch(final List<ChildJvm> children, final Duration duration) throws InterruptedException
    {
        final long deadline = System.nanoTime() + duration.toNanos();
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0)
        {
            checkAlive(children);
            Thread.sleep(Math.max(1, Math.min(POLL_MILLIS, remaining / 1_000_000)));
        }
        checkAlive(children);
    }

    private static void checkAlive(final List<ChildJvm> children) throws InterruptedException
    {
        for (final ChildJvm child : children)
        {
            if (!child.isAlive())
            {
                // Throws with the child's exception if it failed.
                child.awaitSuccess(Duration.ofSeconds(5));
                throw new IllegalStateException("child pid " + child.pid() + " exited before the run was " +
                    "stopped; log " + child.logFile());
            }
        }
    }
}

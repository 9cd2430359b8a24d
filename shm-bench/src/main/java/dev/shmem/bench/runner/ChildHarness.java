package dev.shmem.bench.runner;

import dev.shmem.SharedRegion;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of every child JVM of a {@link ChildScenario}: opens the region, creates the scenario's
 * {@link Worker}, reports ready, follows the {@link Phase} protocol calling the operation in batches of
 * {@value #BATCH}, and writes a {@link ChildReport}. Any exception escapes {@code main}, so the child dies with
 * it and {@code ChildJvm} reports it to the runner.
 *
 * <p>Arguments: {@code SCENARIO_CLASS REGION INDEX PROCESSES REPORT_FILE RECORD_LATENCY START_TIMEOUT_MS
 * RUN_TIMEOUT_MS}.
 */
public final class ChildHarness
{
    /** Operations between two looks at the phase word. */
    public static final int BATCH = 64;

    private ChildHarness()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception whatever the scenario throws; the child dies of it.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length != 8)
        {
            throw new IllegalArgumentException("expected 8 arguments (SCENARIO_CLASS REGION INDEX PROCESSES " +
                "REPORT_FILE RECORD_LATENCY START_TIMEOUT_MS RUN_TIMEOUT_MS), got " + args.length);
        }
        final ChildScenario scenario = ChildScenario.instantiate(args[0]);
        final Path regionPath = Path.of(args[1]);
        final int index = Integer.parseInt(args[2]);
        final int processes = Integer.parseInt(args[3]);
        final Path reportFile = Path.of(args[4]);
        final boolean recordLatency = Boolean.parseBoolean(args[5]);
        final Duration startTimeout = Duration.ofMillis(Long.parseLong(args[6]));
        final Duration runTimeout = Duration.ofMillis(Long.parseLong(args[7]));

        try (SharedRegion region = SharedRegion.open(regionPath))
        {
            final Phase.Word phase = new Phase.Word(region);
            try (Worker worker = scenario.worker(new WorkerContext(region, index, processes, phase)))
            {
                region.longValue(Phase.READY_ENTRY).incrementAndGet();
                phase.awaitAtLeast(Phase.WARMUP, startTimeout);
                final ChildReport report = run(worker, phase, index, recordLatency, runTimeout);
                report.write(reportFile);
            }
        }
    }

    private static ChildReport run(
        final Worker worker, final Phase.Word phase, final int index, final boolean recordLatency,
        final Duration runTimeout) throws Exception
    {
        final long deadline = System.nanoTime() + runTimeout.toNanos();
        final Histogram latency = recordLatency ? new Histogram(3) : null;
        long ops = 0;
        while (phase.get() == Phase.WARMUP)
        {
            batch(worker, latency);
            ops += BATCH;
            checkDeadline(deadline, runTimeout);
        }
        if (latency != null)
        {
            latency.reset();
        }
        final Map<String, Long> countersBefore = worker.counters();
        final long beginOps = ops;
        final long begin = System.nanoTime();
        while (phase.get() == Phase.MEASURE)
        {
            batch(worker, latency);
            ops += BATCH;
            checkDeadline(deadline, runTimeout);
        }
        final long end = System.nanoTime();
        final Map<String, Long> countersAfter = worker.counters();
        if (ops == beginOps)
        {
            throw new IllegalStateException("child " + index + " performed no operation in the measurement " +
                "window (phase " + phase.get() + "): the measurement is too short for this operation");
        }
        final Map<String, Long> counters = new HashMap<>();
        countersAfter.forEach((name, value) -> counters.put(name, value - countersBefore.getOrDefault(name, 0L)));
        return new ChildReport(index, ProcessHandle.current().pid(), ops, ops - beginOps, end - begin, counters,
            latency);
    }

    private static void batch(final Worker worker, final Histogram latency) throws Exception
    {
        if (latency == null)
        {
            for (int i = 0; i < BATCH; i++)
            {
                worker.operation();
            }
        }
        else
        {
            for (int i = 0; i < BATCH; i++)
            {
                final long start = System.nanoTime();
                worker.operation();
                latency.recordValue(System.nanoTime() - start);
            }
        }
    }

    private static void checkDeadline(final long deadline, final Duration runTimeout)
    {
        if (System.nanoTime() - deadline > 0)
        {
            throw new IllegalStateException("still running " + runTimeout + " after the start: the runner has " +
                "not stopped the run (has it died?)");
        }
    }
}

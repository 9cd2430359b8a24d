package dev.shmem.bench.runner;

import dev.shmem.SharedRegion;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The main class of every child JVM of a {@link ChildScenario}: opens the region, creates the scenario's
 * {@link Worker}, reports ready, follows the {@link Phase} protocol calling the operation in batches (of
 * {@value #BATCH} unless the scenario says otherwise), and writes a {@link ChildReport}. Any exception escapes {@code main}, so the child dies with
 * it and {@code ChildJvm} reports it to the runner.
 *
 * <p>Arguments: {@code SCENARIO_CLASS REGION INDEX PROCESSES REPORT_FILE LATENCY_MODE BATCH START_TIMEOUT_MS
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
        if (args.length != 9)
        {
            throw new IllegalArgumentException("expected 9 arguments (SCENARIO_CLASS REGION INDEX PROCESSES " +
                "REPORT_FILE LATENCY_MODE BATCH START_TIMEOUT_MS RUN_TIMEOUT_MS), got " + args.length);
        }
        final ChildScenario scenario = ChildScenario.instantiate(args[0]);
        final Path regionPath = Path.of(args[1]);
        final int index = Integer.parseInt(args[2]);
        final int processes = Integer.parseInt(args[3]);
        final Path reportFile = Path.of(args[4]);
        final ChildScenario.LatencyMode latencyMode = ChildScenario.LatencyMode.valueOf(args[5]);
        final int batch = Integer.parseInt(args[6]);
        final Duration startTimeout = Duration.ofMillis(Long.parseLong(args[7]));
        final Duration runTimeout = Duration.ofMillis(Long.parseLong(args[8]));
        final Histogram latency = new Histogram(3);

        try (SharedRegion region = SharedRegion.open(regionPath))
        {
            final Phase.Word phase = new Phase.Word(region);
            try (Worker worker = scenario.worker(new WorkerContext(region, index, processes, phase, latency)))
            {
                region.longValue(Phase.READY_ENTRY).incrementAndGet();
                phase.awaitAtLeast(Phase.WARMUP, startTimeout);
                final Loop loop = new Loop(worker, batch,
                    latencyMode == ChildScenario.LatencyMode.PER_OPERATION ? latency : null);
                final ChildReport report = run(loop, phase, index, runTimeout,
                    latencyMode == ChildScenario.LatencyMode.NONE ? null : latency);
                report.write(reportFile);
            }
        }
    }

    private static ChildReport run(
        final Loop loop, final Phase.Word phase, final int index, final Duration runTimeout,
        final Histogram latency) throws Exception
    {
        final long deadline = System.nanoTime() + runTimeout.toNanos();
        long ops = 0;
        while (phase.get() == Phase.WARMUP)
        {
            ops += loop.batch();
            checkDeadline(deadline, runTimeout);
        }
        if (latency != null)
        {
            latency.reset();
        }
        final Map<String, Long> countersBefore = loop.worker.counters();
        final long beginOps = ops;
        final long begin = System.nanoTime();
        while (phase.get() == Phase.MEASURE)
        {
            ops += loop.batch();
            checkDeadline(deadline, runTimeout);
        }
        final long end = System.nanoTime();
        final Map<String, Long> countersAfter = loop.worker.counters();
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

    /**
     * The operation loop, one method for warm-up and measurement so that what the JIT compiles during the
     * warm-up is what runs in the measurement.
     */
    private static final class Loop
    {
        private final Worker worker;
        private final int batch;
        private final Histogram perOperation;

        Loop(final Worker worker, final int batch, final Histogram perOperation)
        {
            if (batch < 1)
            {
                throw new IllegalArgumentException("batch " + batch + " must be at least 1");
            }
            this.worker = worker;
            this.batch = batch;
            this.perOperation = perOperation;
        }

        int batch() throws Exception
        {
            if (perOperation == null)
            {
                for (int i = 0; i < batch; i++)
                {
                    worker.operation();
                }
            }
            else
            {
                for (int i = 0; i < batch; i++)
                {
                    final long start = System.nanoTime();
                    worker.operation();
                    perOperation.recordValue(System.nanoTime() - start);
                }
            }
            return batch;
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

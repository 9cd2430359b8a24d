package dev.shmem.bench.runner;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of one scenario: its throughput, optional latency histogram (nanoseconds) and extra metrics, or
 * why it was skipped or failed.
 */
public final class ScenarioResult
{
    /** How the scenario ended. */
    public enum Status
    {
        /** Measured, and its checks held. */
        OK,
        /** Not run: a prerequisite (such as python3) is missing. */
        SKIPPED,
        /** Failed: an exception, a child that died, or a broken invariant. */
        FAILED
    }

    private static final String HANDOFFS_PER_SECOND = "handoffs/s";

    private final String name;
    private final Status status;
    private final String message;
    private final int processes;
    private final double opsPerSecond;
    private final long measuredOps;
    private final Histogram latency;
    private final Map<String, Double> metrics;
    private List<Double> rounds = List.of();
    private List<Double> roundHandoffs = List.of();

    private ScenarioResult(final String name, final Status status, final String message, final int processes,
        final double opsPerSecond, final long measuredOps, final Histogram latency, final Map<String, Double> metrics)
    {
        this.name = Objects.requireNonNull(name, "name");
        this.status = status;
        this.message = message;
        this.processes = processes;
        this.opsPerSecond = opsPerSecond;
        this.measuredOps = measuredOps;
        this.latency = latency;
        this.metrics = new TreeMap<>(metrics);
    }

    /**
     * @param name         scenario name.
     * @param processes    processes that took part.
     * @param opsPerSecond total operations per second of all processes.
     * @param measuredOps  operations in the measurement window.
     * @param latency      latency per operation in nanoseconds, or null.
     * @param metrics      extra metrics, e.g. {@code "handoffs/s"}.
     * @param note         remark shown with the result, or null.
     * @return a measured result.
     */
    public static ScenarioResult ok(final String name, final int processes, final double opsPerSecond,
        final long measuredOps, final Histogram latency, final Map<String, Double> metrics, final String note)
    {
        if (!(opsPerSecond > 0))
        {
            throw new IllegalArgumentException("scenario " + name + " measured " + opsPerSecond +
                " ops/s: expected a positive rate");
        }
        return new ScenarioResult(name, Status.OK, note, processes, opsPerSecond, measuredOps, latency, metrics);
    }

    /**
     * @param name   scenario name.
     * @param reason why it was not run.
     * @return a skipped result.
     */
    public static ScenarioResult skipped(final String name, final String reason)
    {
        return new ScenarioResult(name, Status.SKIPPED, reason, 0, Double.NaN, 0, null, Map.of());
    }

    /**
     * @param name  scenario name.
     * @param error what went wrong.
     * @return a failed result carrying the error's message.
     */
    public static ScenarioResult failed(final String name, final Throwable error)
    {
        return new ScenarioResult(name, Status.FAILED, String.valueOf(error), 0, Double.NaN, 0, null, Map.of());
    }

    public String name()
    {
        return name;
    }

    public Status status()
    {
        return status;
    }

    /**
     * @return the note of a measured result, or why it was skipped or failed.
     */
    public Optional<String> message()
    {
        return Optional.ofNullable(message);
    }

    public int processes()
    {
        return processes;
    }

    /**
     * @return total operations per second; NaN unless {@link Status#OK}.
     */
    public double opsPerSecond()
    {
        return opsPerSecond;
    }

    public long measuredOps()
    {
        return measuredOps;
    }

    /**
     * @return per-operation latency in nanoseconds, if the scenario records it.
     */
    public Optional<Histogram> latency()
    {
        return Optional.ofNullable(latency);
    }

    /**
     * @return extra metrics by name.
     */
    public Map<String, Double> metrics()
    {
        return metrics;
    }

    public boolean isOk()
    {
        return status == Status.OK;
    }

    /**
     * @return the ops/s of every round when the scenario ran several times ({@code --rounds}), in running order;
     * this result is the round of median ops/s. Empty for a single round.
     */
    public List<Double> rounds()
    {
        return rounds;
    }

    /**
     * @return the {@code handoffs/s} of every round, in running order, when the scenario counts handoffs and ran
     * several times; empty otherwise. A lock's throughput depends on how often it changes hands, so each round's
     * rate is read with its handoffs.
     */
    public List<Double> roundHandoffs()
    {
        return roundHandoffs;
    }

    /**
     * Picks the round of median ops/s (the lower median for an even count) from several runs of one scenario.
     * A failure in any round makes the scenario failed; skipped rounds are ignored unless all were skipped.
     *
     * @param runs the rounds, in running order; at least one.
     * @return the chosen result, carrying every round's ops/s.
     */
    public static ScenarioResult median(final List<ScenarioResult> runs)
    {
        if (runs.isEmpty())
        {
            throw new IllegalArgumentException("no rounds");
        }
        final List<ScenarioResult> measured = new ArrayList<>();
        for (final ScenarioResult run : runs)
        {
            if (run.status == Status.FAILED)
            {
                return run;
            }
            if (run.isOk())
            {
                measured.add(run);
            }
        }
        if (measured.isEmpty())
        {
            return runs.get(0);
        }
        if (runs.size() == 1)
        {
            return measured.get(0);
        }
        final List<Double> rates = new ArrayList<>();
        measured.forEach(run -> rates.add(run.opsPerSecond));
        final List<ScenarioResult> sorted = new ArrayList<>(measured);
        sorted.sort(Comparator.comparingDouble(ScenarioResult::opsPerSecond));
        final ScenarioResult chosen = sorted.get((sorted.size() - 1) / 2);
        final ScenarioResult result = new ScenarioResult(chosen.name, chosen.status, chosen.message,
            chosen.processes, chosen.opsPerSecond, chosen.measuredOps, chosen.latency, chosen.metrics);
        result.rounds = List.copyOf(rates);
        if (measured.stream().allMatch(run -> run.metrics.containsKey(HANDOFFS_PER_SECOND)))
        {
            final List<Double> handoffs = new ArrayList<>();
            measured.forEach(run -> handoffs.add(run.metrics.get(HANDOFFS_PER_SECOND)));
            result.roundHandoffs = List.copyOf(handoffs);
        }
        return result;
    }
}

package dev.shmem.bench.runner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The results of one runner invocation, with the targets evaluated on them; prints as a table and as JSON.
 */
public final class RunReport
{
    private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};

    private final RunSettings settings;
    private final int rounds;
    private final Map<String, String> machine;
    private final List<Scenario> scenarios;
    private final Map<String, ScenarioResult> results;
    private final List<Target.Verdict> verdicts = new ArrayList<>();

    RunReport(final RunSettings settings, final Map<String, String> machine, final List<Scenario> scenarios,
        final Map<String, ScenarioResult> results, final int rounds)
    {
        this.settings = settings;
        this.rounds = rounds;
        this.machine = machine;
        this.scenarios = List.copyOf(scenarios);
        this.results = new LinkedHashMap<>(results);
        for (final Scenario scenario : scenarios)
        {
            for (final Target target : scenario.targets())
            {
                verdicts.add(target.evaluate(results));
            }
        }
    }

    /**
     * @return results by scenario name, in running order.
     */
    public Map<String, ScenarioResult> results()
    {
        return results;
    }

    /**
     * @return the targets and comparisons, evaluated.
     */
    public List<Target.Verdict> verdicts()
    {
        return verdicts;
    }

    /**
     * @return true if no scenario failed (skipped ones are fine).
     */
    public boolean succeeded()
    {
        return results.values().stream().noneMatch(r -> r.status() == ScenarioResult.Status.FAILED);
    }

    /**
     * @return the human-readable table.
     */
    public String toTable()
    {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%d processes per scenario, warm-up %s, measurement %s%s; %s CPUs " +
            "(%s), %s, load average %s%n%n", settings.processes(), text(settings.warmup()),
            text(settings.duration()), rounds > 1 ? ", median of " + rounds + " rounds" : "", machine.get("cpus"),
            machine.get("cpuModel"), machine.get("java"), machine.get("loadAverage")));
        final String format = "%-18s %5s %15s %9s %9s %12s  %-18s %8s%n";
        out.append(String.format(Locale.ROOT, format, "scenario", "procs", "ops/s", "p50 us", "p99 us",
            "handoffs/s", "vs", "ratio"));
        for (final Scenario scenario : scenarios)
        {
            final ScenarioResult result = results.get(scenario.name());
            if (!result.isOk())
            {
                out.append(String.format(Locale.ROOT, "%-18s %5s %15s%n", scenario.name(), "-",
                    result.status().name().toLowerCase(Locale.ROOT)));
                continue;
            }
            final String baseline = scenario.baseline().orElse("-");
            out.append(String.format(Locale.ROOT, format, scenario.name(), result.processes(),
                String.format(Locale.ROOT, "%,.0f", result.opsPerSecond()),
                percentile(result, 50.0), percentile(result, 99.0),
                Optional.ofNullable(result.metrics().get("handoffs/s"))
                    .map(v -> String.format(Locale.ROOT, "%,.0f", v)).orElse("-"),
                baseline, ratio(result, baseline)));
        }
        out.append(String.format(Locale.ROOT, "%ntargets and comparisons (ratios of ops/s measured in this run)%n"));
        for (final Target.Verdict verdict : verdicts)
        {
            out.append(String.format(Locale.ROOT, "  %-40s %12s  %s%n", verdict.description(), verdict.valueText(),
                switch (verdict.state())
                {
                    case MET -> "met";
                    case MISSED -> "MISSED";
                    case INFO -> "";
                    case NOT_RUN -> "not run";
                }));
        }
        boolean header = false;
        for (final ScenarioResult result : results.values())
        {
            if (result.message().isPresent())
            {
                if (!header)
                {
                    out.append(String.format(Locale.ROOT, "%nnotes%n"));
                    header = true;
                }
                out.append(String.format(Locale.ROOT, "  %s (%s): %s%n", result.name(),
                    result.status().name().toLowerCase(Locale.ROOT), result.message().get()));
            }
        }
        return out.toString();
    }

    /**
     * @return the report as one JSON object.
     */
    public String toJson()
    {
        final ObjectNode json = Json.object();
        final ObjectNode machineNode = json.putObject("machine");
        machine.forEach(machineNode::put);
        final ObjectNode settingsNode = json.putObject("settings")
            .put("processes", settings.processes())
            .put("rounds", rounds);
        Json.put(settingsNode, "warmupSeconds", settings.warmup().toNanos() / 1e9);
        Json.put(settingsNode, "durationSeconds", settings.duration().toNanos() / 1e9);
        settingsNode.put("directory", settings.directory().toString())
            .put("python", settings.python());
        final ArrayNode scenarioNodes = json.putArray("scenarios");
        for (final Scenario scenario : scenarios)
        {
            final ScenarioResult result = results.get(scenario.name());
            final ObjectNode node = scenarioNodes.addObject()
                .put("name", scenario.name())
                .put("description", scenario.description())
                .put("status", result.status().name().toLowerCase(Locale.ROOT))
                .put("message", result.message().orElse(null));
            if (result.isOk())
            {
                node.put("processes", result.processes());
                Json.put(node, "opsPerSecond", result.opsPerSecond());
                node.put("measuredOps", result.measuredOps());
                if (!result.rounds().isEmpty())
                {
                    Json.putNumbers(node, "roundsOpsPerSecond", result.rounds());
                    if (!result.roundHandoffs().isEmpty())
                    {
                        Json.putNumbers(node, "roundsHandoffsPerSecond", result.roundHandoffs());
                    }
                }
                if (result.latency().isPresent())
                {
                    final Histogram latency = result.latency().get();
                    final ObjectNode micros = node.putObject("latencyMicros").put("count", latency.getTotalCount());
                    for (final double percentile : PERCENTILES)
                    {
                        Json.put(micros, "p" + (percentile == Math.rint(percentile) ?
                            Long.toString((long)percentile) : Double.toString(percentile)),
                            latency.getValueAtPercentile(percentile) / 1000.0);
                    }
                    Json.put(micros, "max", latency.getMaxValue() / 1000.0);
                }
                final ObjectNode metrics = node.putObject("metrics");
                result.metrics().forEach((name, value) -> Json.put(metrics, name, value));
                if (scenario.baseline().isPresent())
                {
                    final ScenarioResult base = results.get(scenario.baseline().get());
                    node.put("baseline", scenario.baseline().get());
                    Json.put(node, "ratio", base != null && base.isOk() ?
                        result.opsPerSecond() / base.opsPerSecond() : Double.NaN);
                }
            }
        }
        final ArrayNode targets = json.putArray("targets");
        for (final Target.Verdict verdict : verdicts)
        {
            final ObjectNode node = targets.addObject().put("target", verdict.description());
            Json.put(node, "value", verdict.value());
            node.put("state", verdict.state().name().toLowerCase(Locale.ROOT));
        }
        return json.toString();
    }

    private String ratio(final ScenarioResult result, final String baseline)
    {
        final ScenarioResult base = results.get(baseline);
        if (base == null || !base.isOk())
        {
            return "-";
        }
        return Target.RatioTarget.formatRatio(result.opsPerSecond() / base.opsPerSecond());
    }

    private static String percentile(final ScenarioResult result, final double percentile)
    {
        return result.latency()
            .map(h -> String.format(Locale.ROOT, "%.2f", h.getValueAtPercentile(percentile) / 1000.0))
            .orElse("-");
    }

    private static String text(final java.time.Duration duration)
    {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}

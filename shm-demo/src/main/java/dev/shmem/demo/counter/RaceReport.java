package dev.shmem.demo.counter;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shmem.demo.text.BarChart;
import dev.shmem.demo.text.Format;
import dev.shmem.demo.text.Table;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link RaceOutcome}: a table and bar charts for people, or one JSON object for programs.
 */
public final class RaceReport
{
    private RaceReport()
    {
    }

    /**
     * @param config what is about to run.
     * @return the line printed before a race starts.
     */
    public static String headline(final RaceConfig config)
    {
        return "counter-race: " + config.processes() + " processes x " + Format.count(config.increments()) +
            " increments = " + Format.count(config.expected()) + " per mode; modes " +
            String.join(", ", names(config.modes())) + (config.zookeeper() != null ?
            "\nZooKeeper space " + config.zookeeper() :
            "\nregion " + config.region() + (config.keepRegion() ? " (kept afterwards)" : " (removed afterwards)"));
    }

    /**
     * Prints the results table and charts to {@code out}, and the failures, if any, to {@code err}.
     *
     * @param outcome the race's outcome.
     * @param out     standard output.
     * @param err     standard error.
     */
    public static void printText(final RaceOutcome outcome, final PrintWriter out, final PrintWriter err)
    {
        final List<ModeResult> results = outcome.results();
        if (!results.isEmpty())
        {
            out.println();
            final Table table = new Table("mode", "what", "expected", "final", "lost", "lost %", "elapsed", "ops/s")
                .alignRight(2, 3, 4, 5, 6, 7);
            for (final ModeResult result : results)
            {
                table.row(result.mode(), result.description(), Format.count(result.expected()),
                    Format.count(result.finalValue()), Format.count(result.lost()),
                    Format.percent(result.lostPercent()), Format.duration(result.elapsedNanos()),
                    Format.rate(result.opsPerSecond()));
            }
            table.print(out, "");
            out.println();
            final BarChart speed = new BarChart("increments per second, all processes together (higher is better)",
                BarChart.DEFAULT_WIDTH);
            final BarChart lost = new BarChart("lost updates (0 is correct)", BarChart.DEFAULT_WIDTH);
            for (final ModeResult result : results)
            {
                speed.bar(result.mode(), result.opsPerSecond(), Format.rate(result.opsPerSecond()));
                lost.bar(result.mode(), result.lostPercent(), Format.percent(result.lostPercent()) + "  (" +
                    Format.count(result.lost()) + ")");
            }
            speed.print(out, "  ");
            out.println();
            lost.print(out, "  ");
        }
        out.flush();
        if (!outcome.failures().isEmpty())
        {
            printFailures(outcome, err);
        }
    }

    /**
     * @param outcome the race's outcome.
     * @return one JSON object with the configuration, every finished mode and every failure.
     */
    public static String json(final RaceOutcome outcome)
    {
        final RaceConfig config = outcome.config();
        final ObjectNode json = JsonNodeFactory.instance.objectNode()
            .put("command", "counter-race")
            .put("ok", outcome.ok())
            .put("processes", config.processes())
            .put("increments", config.increments())
            .put("expected", config.expected())
            .put("region", outcome.region().toString());
        final ArrayNode requested = json.putArray("modesRequested");
        names(config.modes()).forEach(requested::add);
        final ArrayNode children = json.putArray("children");
        for (final ChildInfo child : outcome.children())
        {
            children.addObject().put("index", child.index()).put("pid", child.pid());
        }
        final ArrayNode modes = json.putArray("modes");
        for (final ModeResult result : outcome.results())
        {
            final ObjectNode mode = modes.addObject()
                .put("mode", result.mode())
                .put("description", result.description())
                .put("expected", result.expected())
                .put("final", result.finalValue())
                .put("lost", result.lost());
            putFinite(mode, "lostPercent", result.lostPercent());
            mode.put("elapsedNanos", result.elapsedNanos());
            putFinite(mode, "opsPerSecond", result.opsPerSecond());
        }
        final ArrayNode failures = json.putArray("failures");
        for (final ChildFailure failure : outcome.failures())
        {
            failures.addObject()
                .put("child", failure.child().index())
                .put("pid", failure.pid())
                .put("phase", failure.phase())
                .put("reason", failure.reason())
                .put("exception", failure.exceptionSummary())
                .put("stackTrace", failure.exception())
                .put("log", failure.log().toString());
        }
        // Jackson's toString() of a tree is its compact JSON.
        return json.toString();
    }

    /** JSON has no NaN or infinity: a figure that is not finite (no time measured) is written as null. */
    private static void putFinite(final ObjectNode node, final String name, final double value)
    {
        if (Double.isFinite(value))
        {
            node.put(name, value);
        }
        else
        {
            node.putNull(name);
        }
    }

    /**
     * Prints every failure with the child's pid, reason, exception, stack trace and log file.
     *
     * @param outcome the race's outcome.
     * @param err     standard error.
     */
    public static void printFailures(final RaceOutcome outcome, final PrintWriter err)
    {
        if (outcome.failures().isEmpty())
        {
            return;
        }
        final List<ChildFailure> failures = outcome.failures();
        err.println();
        err.println("counter-race FAILED during " + failures.get(0).phase() + ": " + failures.size() + " of " +
            outcome.config().processes() + " children failed");
        for (final ChildFailure failure : failures)
        {
            err.println("  child " + failure.child().index() + ", pid " + failure.pid() + ": " + failure.reason());
            if (failure.exceptionSummary() != null)
            {
                err.println("    exception: " + failure.exceptionSummary());
            }
            err.println("    log: " + failure.log());
            if (failure.exception() != null)
            {
                for (final String line : failure.exception().strip().split("\\R"))
                {
                    err.println("      | " + line);
                }
            }
        }
        err.println("  every child still running was stopped; " + outcome.results().size() + " of " +
            outcome.config().modes().size() + " modes finished");
        err.flush();
    }

    private static List<String> names(final List<CounterStrategy> modes)
    {
        final List<String> names = new ArrayList<>();
        for (final CounterStrategy mode : modes)
        {
            names.add(mode.name());
        }
        return names;
    }
}

package dev.shmem.demo.counter;

import dev.shmem.demo.text.BarChart;
import dev.shmem.demo.text.Format;
import dev.shmem.demo.text.JsonWriter;
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
        final JsonWriter json = new JsonWriter().beginObject()
            .name("command").value("counter-race")
            .name("ok").value(outcome.ok())
            .name("processes").value(config.processes())
            .name("increments").value(config.increments())
            .name("expected").value(config.expected())
            .name("region").value(outcome.region().toString())
            .name("modesRequested").beginArray();
        for (final String name : names(config.modes()))
        {
            json.value(name);
        }
        json.endArray().name("children").beginArray();
        for (final ChildInfo child : outcome.children())
        {
            json.beginObject().name("index").value(child.index()).name("pid").value(child.pid()).endObject();
        }
        json.endArray().name("modes").beginArray();
        for (final ModeResult result : outcome.results())
        {
            json.beginObject()
                .name("mode").value(result.mode())
                .name("description").value(result.description())
                .name("expected").value(result.expected())
                .name("final").value(result.finalValue())
                .name("lost").value(result.lost())
                .name("lostPercent").value(result.lostPercent())
                .name("elapsedNanos").value(result.elapsedNanos())
                .name("opsPerSecond").value(result.opsPerSecond())
                .endObject();
        }
        json.endArray().name("failures").beginArray();
        for (final ChildFailure failure : outcome.failures())
        {
            json.beginObject()
                .name("child").value(failure.child().index())
                .name("pid").value(failure.pid())
                .name("phase").value(failure.phase())
                .name("reason").value(failure.reason())
                .name("exception").value(failure.exceptionSummary())
                .name("stackTrace").value(failure.exception())
                .name("log").value(failure.log().toString())
                .endObject();
        }
        return json.endArray().endObject().toString();
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

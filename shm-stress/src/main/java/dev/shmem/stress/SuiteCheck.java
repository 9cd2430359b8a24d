package dev.shmem.stress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a jcstress run passed, from its console output, its exit code and the region files it left:
 * exit codes alone are not enough (a {@code -t} filter that matches nothing exits 0).
 */
public final class SuiteCheck
{
    private static final Pattern RESULTS = Pattern.compile(
        "Results: (\\d+) planned; (\\d+) passed, (\\d+) failed, (\\d+) soft errs, (\\d+) hard errs");
    private static final Pattern ACTORS = Pattern.compile("\\s*(\\d+) actors:\\s*");
    private static final String UNSCHEDULABLE = "No scheduling is possible";

    private SuiteCheck()
    {
    }

    /**
     * @param lines     the jcstress console output.
     * @param exitCode  its exit code.
     * @param leftovers region files the run left behind.
     * @return why the run failed; empty if it passed.
     */
    public static List<String> problems(final List<String> lines, final int exitCode, final List<Path> leftovers)
    {
        final List<String> problems = new ArrayList<>();
        final Matcher results = lastResults(lines);
        if (results == null)
        {
            problems.add("no \"Results: N planned; N passed\" line in the jcstress output");
        }
        else
        {
            final long planned = Long.parseLong(results.group(1));
            final long passed = Long.parseLong(results.group(2));
            final long failed = Long.parseLong(results.group(3));
            final long softErrors = Long.parseLong(results.group(4));
            final long hardErrors = Long.parseLong(results.group(5));
            if (planned == 0)
            {
                problems.add("no test was planned");
            }
            if (passed < planned)
            {
                problems.add("only " + passed + " of " + planned + " planned tests passed");
            }
            if (failed > 0)
            {
                problems.add(failed + " failed (a FORBIDDEN outcome was seen)");
            }
            if (softErrors + hardErrors > 0)
            {
                problems.add(softErrors + " soft and " + hardErrors + " hard errors (exceptions, crashes, timeouts)");
            }
        }
        for (final String line : lines)
        {
            if (line.startsWith("FATAL"))
            {
                problems.add("jcstress: " + line);
            }
        }
        if (exitCode != 0)
        {
            problems.add("jcstress exited with code " + exitCode);
        }
        if (!leftovers.isEmpty())
        {
            problems.add(leftovers.size() + " region files left behind by dead test JVMs, e.g. " + leftovers.get(0));
        }
        return problems;
    }

    /**
     * @param lines the jcstress console output.
     * @return the planned/passed line, or null if there is none.
     */
    public static String resultsLine(final List<String> lines)
    {
        final Matcher results = lastResults(lines);
        return results == null ? null : results.group();
    }

    /**
     * @param lines the jcstress console output.
     * @return the actor counts jcstress could not schedule on this machine (tests with more actors than CPUs).
     */
    public static List<Integer> unschedulableActorCounts(final List<String> lines)
    {
        final List<Integer> counts = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++)
        {
            final Matcher actors = ACTORS.matcher(lines.get(i - 1));
            if (lines.get(i).contains(UNSCHEDULABLE) && actors.matches())
            {
                counts.add(Integer.parseInt(actors.group(1)));
            }
        }
        return counts;
    }

    private static Matcher lastResults(final List<String> lines)
    {
        for (int i = lines.size() - 1; i >= 0; i--)
        {
            final Matcher matcher = RESULTS.matcher(lines.get(i));
            if (matcher.find())
            {
                return matcher;
            }
        }
        return null;
    }
}

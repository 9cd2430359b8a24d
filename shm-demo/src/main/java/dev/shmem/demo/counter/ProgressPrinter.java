package dev.shmem.demo.counter;

import dev.shmem.demo.text.Format;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Prints a race's progress to standard error: on a terminal one line per mode rewritten in place; elsewhere (a
 * pipe, a test) at most one line a second, so logs stay short.
 */
public final class ProgressPrinter implements RaceListener
{
    private static final int BAR_WIDTH = 20;
    private static final String CLEAR_TO_END_OF_LINE = "\033[K";
    private static final long PIPE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final PrintWriter err;
    private final boolean interactive;
    private long lastLine = System.nanoTime();

    /**
     * @param err         where to print.
     * @param interactive true on a terminal: rewrite the line with carriage returns.
     */
    public ProgressPrinter(final PrintWriter err, final boolean interactive)
    {
        this.err = err;
        this.interactive = interactive;
    }

    @Override
    public void childrenStarted(final List<ChildInfo> children)
    {
        final StringJoiner pids = new StringJoiner(", ");
        for (final ChildInfo child : children)
        {
            pids.add(Long.toString(child.pid()));
        }
        final String logs = children.isEmpty() ? "" : " (logs in " + children.get(0).log().getParent() + ")";
        err.println("started " + children.size() + " child JVMs: pid " + pids + logs);
        err.flush();
    }

    @Override
    public void progress(final String mode, final long done, final long expected, final long elapsedNanos)
    {
        final long now = System.nanoTime();
        if (interactive)
        {
            err.print("\r" + line(mode, done, expected, elapsedNanos) + CLEAR_TO_END_OF_LINE);
            err.flush();
        }
        else if (now - lastLine >= PIPE_INTERVAL_NANOS)
        {
            lastLine = now;
            err.println(line(mode, done, expected, elapsedNanos));
            err.flush();
        }
    }

    @Override
    public void modeFinished(final ModeResult result)
    {
        final String line = line(result.mode(), result.expected(), result.expected(), result.elapsedNanos());
        err.println(interactive ? "\r" + line + CLEAR_TO_END_OF_LINE : line);
        err.flush();
        lastLine = System.nanoTime();
    }

    private static String line(final String mode, final long done, final long expected, final long elapsedNanos)
    {
        final double fraction = expected == 0 ? 1 : Math.min(1.0, (double)done / expected);
        final int filled = (int)Math.round(fraction * BAR_WIDTH);
        return String.format(Locale.ROOT, "  %-8s [%s%s] %3d%%  %s / %s  %s", mode, "#".repeat(filled),
            ".".repeat(BAR_WIDTH - filled), Math.round(fraction * 100), Format.count(done), Format.count(expected),
            Format.duration(elapsedNanos));
    }
}

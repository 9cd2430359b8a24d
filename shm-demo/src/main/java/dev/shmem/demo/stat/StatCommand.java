package dev.shmem.demo.stat;

import dev.shmem.RegionCorruptException;

import dev.shmem.InvalidRegionException;
import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import dev.shmem.inspect.RegionInspector;
import dev.shmem.inspect.RegionSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code stat PATH [--watch SECONDS]}: a read-only look inside a live region: header, entries,
 * locks, semaphores, queues and attached processes.
 *
 * <p>The file is mapped {@code READ_ONLY} through the public {@link RegionInspector}: stat never writes a byte and never takes a slot in the region's process table, so it is invisible to the processes it watches.
 *
 * <h2>Failure modes</h2>
 * A path that does not exist, cannot be read, or is not a valid region ends with one line naming the path and what
 * is wrong, and exit status 1.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Shows what a region holds, read-only.",
        "Header, entries with their values, locks (holder, alive or dead, waiters, takeovers), semaphores",
        "(permits, holders), queues (size, closed, messages skipped or lost with dead processes) and attached",
        "processes. Never writes to the region and never registers as one of its processes."
    },
    footer = { "", "Exit status: 0 success, 1 not a region (or unreadable), 2 bad usage." })
public final class StatCommand implements Callable<Integer>
{
    /** How long to wait for a region whose creator is still initialising it. */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH",
        description = "The region file, e.g. /dev/shm/demo.shm (or --zookeeper and --root).")
    Path path;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT",
        description = "Show a ZooKeeper space instead of a region file (with --root).")
    String zookeeper;

    @Option(names = "--root", paramLabel = "ZNODE", description = "With --zookeeper: the space's root path.")
    String root;

    @Option(names = { "-w", "--watch" }, paramLabel = "SECONDS",
        description = "Print again every SECONDS (0.1 to 3600) until interrupted, or --count times.")
    Double watchSeconds;

    @Option(names = { "-c", "--count" }, paramLabel = "N",
        description = "With --watch: stop after N views (default: until interrupted).")
    Integer count;

    @Option(names = "--json",
        description = "Print each view as one JSON document on one line (fields: shm-demo/README.md).")
    boolean json;

    @Option(names = { "-p", "--prefix" }, paramLabel = "PREFIX",
        description = "Only entries whose names start with PREFIX (for regions of very many entries).")
    String prefix = "";

    @Option(names = { "-l", "--limit" }, paramLabel = "N",
        description = "Text view: at most N rows per table (default 100; --json always writes everything).")
    int limit = 100;

    @Override
    public Integer call() throws InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final long intervalNanos = interval();
        if (count != null && count < 1)
        {
            throw new DemoException(Main.EXIT_USAGE, "--count " + count + " must be at least 1");
        }
        if (limit < 1)
        {
            throw new DemoException(Main.EXIT_USAGE, "--limit " + limit + " must be at least 1");
        }
        if (zookeeper != null || root != null)
        {
            if (zookeeper == null || root == null || path != null)
            {
                throw new DemoException(Main.EXIT_USAGE, "a ZooKeeper space needs both --zookeeper and --root, " +
                    "and no PATH");
            }
            ZooKeeperStat.print(zookeeper, root, prefix, out);
            return 0;
        }
        if (path == null)
        {
            throw new DemoException(Main.EXIT_USAGE, "stat needs a region PATH (or --zookeeper and --root)");
        }
        final RegionInspector reader = open(path);
        final boolean terminal = System.console() != null;
        final int views = watchSeconds == null ? 1 : count == null ? Integer.MAX_VALUE : count;
        RegionSnapshot previous = null;
        long previousAt = 0;
        for (int view = 0; view < views; view++)
        {
            if (view > 0)
            {
                TimeUnit.NANOSECONDS.sleep(intervalNanos);
                if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
                {
                    throw new DemoException(Main.EXIT_FAILURE, path + " no longer exists (removed); last view above");
                }
                if (!json)
                {
                    out.println(terminal ? "\033[H\033[2J" : "\n--- " + Instant.now() + " ---");
                }
            }
            final RegionSnapshot snapshot = read(reader);
            final long at = System.nanoTime();
            if (json)
            {
                StatJson.write(snapshot, out);
                continue;
            }
            StatPrinter.print(snapshot, out, limit);
            if (previous != null)
            {
                StatRates.print(previous, snapshot, at - previousAt, out);
                out.flush();
            }
            previous = snapshot;
            previousAt = at;
        }
        return 0;
    }

    private long interval()
    {
        if (watchSeconds == null)
        {
            if (count != null)
            {
                throw new DemoException(Main.EXIT_USAGE, "--count needs --watch");
            }
            return 0;
        }
        if (!(watchSeconds >= 0.1 && watchSeconds <= 3600))
        {
            throw new DemoException(Main.EXIT_USAGE, "--watch " + watchSeconds +
                " is out of range: expected 0.1 to 3600 seconds");
        }
        return (long)(watchSeconds * 1e9);
    }

    private RegionSnapshot read(final RegionInspector reader)
    {
        try
        {
            return reader.snapshot(prefix);
        }
        catch (final RegionCorruptException ex)
        {
            throw new DemoException(Main.EXIT_FAILURE, path + ": " + ex.getMessage(), ex);
        }
        catch (final InternalError ex)
        {
            // A mapped read past the end of a file truncated under us raises SIGBUS, reported by the JVM as this.
            throw new DemoException(Main.EXIT_FAILURE, path + ": the file changed size while being read (" +
                ex.getMessage() + ")", ex);
        }
    }

    /**
     * Maps a region read-only, without attaching to it.
     *
     * @param path the file.
     * @return an inspector of the mapped, validated region.
     * @throws DemoException with a one-line message if it is not a readable region.
     */
    static RegionInspector open(final Path path)
    {
        try
        {
            return RegionInspector.open(path, INIT_TIMEOUT);
        }
        catch (final NoSuchFileException ex)
        {
            throw new DemoException(Main.EXIT_FAILURE, path + ": no such file. A region is a file that a program " +
                "using shm creates, e.g. /dev/shm/demo.shm; to get one to look at, run 'shm-demo counter-race " +
                "--keep-region' (it prints the path) or list /dev/shm/*.shm", ex);
        }
        catch (final AccessDeniedException ex)
        {
            throw new DemoException(Main.EXIT_FAILURE, path + ": permission denied", ex);
        }
        catch (final InvalidRegionException ex)
        {
            final String prefix = path + ": ";
            final String detail = ex.getMessage().startsWith(prefix) ?
                ex.getMessage().substring(prefix.length()) : ex.getMessage();
            throw new DemoException(Main.EXIT_FAILURE, detail.startsWith("not a shm region") ?
                path + ": " + detail : path + " is not a valid shm region: " + detail, ex);
        }
        catch (final IOException ex)
        {
            throw new DemoException(Main.EXIT_FAILURE, path + ": cannot be read as a region: " + ex.getMessage(),
                ex);
        }
    }
}

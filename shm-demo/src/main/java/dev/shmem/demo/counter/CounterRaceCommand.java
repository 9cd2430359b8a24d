package dev.shmem.demo.counter;

import dev.shmem.SharedLock;

import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code counter-race}: N child JVMs add M to one shared count, once per mode, and the demo shows which modes
 * lose updates and how fast each one is. The Java version of the article's {@code Value} + {@code Lock} example.
 */
@Command(
    name = "counter-race",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "N processes add to one shared counter: which ways lose updates, and how fast is each.",
        "Starts N child JVMs sharing one region; for each mode every child adds M to a shared count.",
        "Modes: plain (get then set, no lock: loses updates), atomic (incrementAndGet),",
        "locked (SharedLock around get/set, the article's 'with lock:'),",
        "sharded (a counter per process on its own cache line, summed at the end)."
    },
    footer = {
        "",
        "Exit status: 0 success, 1 a child failed or timed out (its pid, exception and log are printed), 2 bad usage."
    })
public final class CounterRaceCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = { "-p", "--processes" }, paramLabel = "N", defaultValue = "4",
        description = "Child JVMs to start (1 to 64; default ${DEFAULT-VALUE}).")
    int processes;

    @Option(names = { "-n", "--increments" }, paramLabel = "M",
        description = "Increments each child adds per mode (default 1000000; 500 with --backend zookeeper).")
    Long increments;

    @Option(names = "--backend", paramLabel = "KIND", defaultValue = "mapped",
        description = "Where the counters live: mapped (a region file, default) or zookeeper (a ZooKeeper " +
            "ensemble through shm-zookeeper; an embedded server unless --zookeeper is given).")
    String backend;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT",
        description = "Connect string of a running ZooKeeper ensemble for --backend zookeeper (default: start an " +
            "embedded server in this JVM).")
    String zookeeper;

    @Option(names = "--modes", paramLabel = "MODE", split = ",",
        description = "Modes to run, comma-separated (default: every available mode).")
    List<String> modes;

    @Option(names = "--json", description = "Print the results as one JSON object instead of a table.")
    boolean json;

    @Option(names = "--chart", paramLabel = "FILE",
        description = "Also draw the exact and lost increments of each mode as a PNG chart into FILE.")
    Path chart;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
        description = "Bound of every wait (children starting, each mode, children exiting); a child past it is " +
            "killed (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--region", paramLabel = "PATH",
        description = "Region file to create (must not exist; default a fresh file under /dev/shm).")
    Path region;

    @Option(names = "--keep-region",
        description = "Leave the region file in place afterwards, to look at it with 'stat'.")
    boolean keepRegion;

    @Option(names = "--log-dir", paramLabel = "DIR",
        description = "Directory for the children's logs (default java.io.tmpdir/shm-children); the logs of " +
            "children that succeed are removed, those of children that fail are kept.")
    Path logDirectory;

    @Option(names = { "-q", "--quiet" }, description = "Print no progress on standard error.")
    boolean quiet;

    @Option(names = "--fail-child", hidden = true, paramLabel = "INDEX", defaultValue = "-1",
        description = "Testing: child INDEX throws half-way through the first mode.")
    int failChild;

    @Option(names = "--hang-child", hidden = true, paramLabel = "INDEX", defaultValue = "-1",
        description = "Testing: child INDEX stops making progress half-way through the first mode.")
    int hangChild;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final RaceConfig config;
        try
        {
            config = config();
        }
        catch (final RuntimeException | IOException ex)
        {
            closeEmbedded();
            throw ex;
        }
        if (!json)
        {
            out.println(RaceReport.headline(config));
            out.flush();
        }
        final RaceListener listener = quiet ? RaceListener.NONE :
            new ProgressPrinter(err, System.console() != null && !json);
        final RaceOutcome outcome;
        try (EmbeddedZooKeeper server = this.embedded)
        {
            outcome = new RaceRunner(config, listener).run();
        }
        catch (final FileAlreadyExistsException ex)
        {
            throw new DemoException(Main.EXIT_USAGE, "--region " + config.region() + " already exists: counter-race " +
                "creates a fresh region; remove the file or choose another path", ex);
        }
        if (json)
        {
            out.println(RaceReport.json(outcome));
            out.flush();
            RaceReport.printFailures(outcome, err);
        }
        else
        {
            RaceReport.printText(outcome, out, err);
            if (config.keepRegion())
            {
                out.println();
                out.println("region kept at " + config.region() + "; look inside with: shm-demo stat " +
                    config.region());
            }
        }
        if (chart != null && !outcome.results().isEmpty())
        {
            final Path written = RaceChart.write(outcome, chart);
            (json ? err : out).println("chart written to " + written);
        }
        return outcome.ok() ? 0 : Main.EXIT_FAILURE;
    }

    private EmbeddedZooKeeper embedded;

    private void closeEmbedded() throws IOException
    {
        if (embedded != null)
        {
            embedded.close();
        }
    }

    /**
     * @return {@code CONNECT/ROOT} of a fresh root on the ensemble, starting the embedded server if none is given;
     * null for the mapped backend.
     */
    private String zookeeperSpace() throws IOException
    {
        if ("mapped".equals(backend))
        {
            if (zookeeper != null)
            {
                throw new DemoException(Main.EXIT_USAGE, "--zookeeper needs --backend zookeeper");
            }
            return null;
        }
        if (!"zookeeper".equals(backend))
        {
            throw new DemoException(Main.EXIT_USAGE, "--backend " + backend + ": expected mapped or zookeeper");
        }
        String connect = zookeeper;
        if (connect == null)
        {
            try
            {
                embedded = new EmbeddedZooKeeper();
            }
            catch (final Exception ex)
            {
                throw new IOException("cannot start the embedded ZooKeeper server: " + ex, ex);
            }
            connect = embedded.connectString();
        }
        return connect + "/shm-counter-race-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime());
    }

    private RaceConfig config() throws IOException
    {
        final String space = zookeeperSpace();
        final long perChild = increments != null ? increments : space != null ? 500 : 1_000_000;
        final List<CounterStrategy> selected = CounterModes.select(
            modes == null ? CounterModes.availableNames() : modes);
        if (failChild >= 0 && hangChild >= 0)
        {
            throw new DemoException(Main.EXIT_USAGE, "--fail-child and --hang-child cannot be combined");
        }
        final Fault fault = failChild >= 0 ? Fault.THROW : hangChild >= 0 ? Fault.HANG : Fault.NONE;
        final int faultChild = Math.max(failChild, hangChild);
        final Path path = region != null ? region : freshRegionPath();
        if (timeoutSeconds < 1)
        {
            throw new DemoException(Main.EXIT_USAGE, "--timeout " + timeoutSeconds + " must be at least 1 second");
        }
        try
        {
            return new RaceConfig(processes, perChild, selected, Duration.ofSeconds(timeoutSeconds), path,
                keepRegion, fault, faultChild, logDirectory, space);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new DemoException(Main.EXIT_USAGE, ex.getMessage(), ex);
        }
    }

    /**
     * @return a path that does not exist yet, under {@code /dev/shm} where it is a writable directory, else in the
     * temporary directory.
     */
    static Path freshRegionPath()
    {
        final Path shm = Path.of("/dev/shm");
        final Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("shm-counter-race-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(System.nanoTime()) + ".shm");
    }
}

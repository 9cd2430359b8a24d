package dev.shmem.demo.sync;

import dev.shmem.SharedBarrier;
import dev.shmem.SharedInt;
import dev.shmem.SharedRegion;
import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import dev.shmem.demo.support.ChildGroup;
import dev.shmem.demo.support.ChildOptions;
import dev.shmem.demo.support.ScratchRegion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code barrier}: Python's {@code multiprocessing.Barrier}. N worker JVMs ({@link BarrierWorker}) go through P
 * phases in lock-step: each does its part of a phase, records it, and waits at one {@link SharedBarrier} of N
 * parties; after the barrier every worker checks that every other finished the phase.
 */
@Command(
    name = "barrier",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "N JVMs in lock-step phases on a Barrier: Python's multiprocessing.Barrier.",
        "Each worker JVM does its part of a phase, then waits at the barrier; no worker starts phase p + 1 " +
            "before every worker has finished phase p."
    },
    footer = { "", "Exit status: 0 success, 1 a child failed (the barrier then breaks for the others) or a " +
        "worker ran ahead of a phase, 2 bad usage." })
public final class BarrierCommand implements Callable<Integer>
{
    static final String BARRIER = "phases";
    static final String DONE = "done";
    static final String AHEAD = "ahead";
    static final String TRIPS = "trips";

    @Spec
    CommandSpec spec;

    @Option(names = { "-w", "--workers" }, paramLabel = "N", defaultValue = "3",
        description = "Worker JVMs (the barrier's parties), 1 to 16 (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = { "-p", "--phases" }, paramLabel = "P", defaultValue = "3",
        description = "Phases, 1 to 100000 (default ${DEFAULT-VALUE}).")
    int phases;

    @Option(names = "--quiet", description = "Print only the summary, not a line per worker and phase.")
    boolean quiet;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        Checks.inRange("--workers", workers, 1, 16);
        Checks.inRange("--phases", phases, 1, 100_000);
        final List<String> roles = new ArrayList<>();
        for (int i = 0; i < workers; i++)
        {
            roles.add("worker-" + i);
        }
        children.check(roles);
        final PrintWriter out = spec.commandLine().getOut();
        out.println(workers + " workers, " + phases + " phases, barrier of " + workers + " parties");
        final int ahead;
        final int trips;
        final long start = System.nanoTime();
        try (ScratchRegion scratch = ScratchRegion.create("barrier", 1 << 20);
            ChildGroup group = new ChildGroup(out, children))
        {
            final SharedRegion region = scratch.region();
            final SharedBarrier barrier = region.barrier(BARRIER, workers);
            region.intArray(DONE, workers);
            final SharedInt aheadCount = region.intValue(AHEAD);
            final SharedInt tripCount = region.intValue(TRIPS);
            for (int i = 0; i < workers; i++)
            {
                group.start(roles.get(i), BarrierWorker.class, scratch.path().toString(), Integer.toString(i),
                    Integer.toString(workers), Integer.toString(phases), Boolean.toString(quiet),
                    Long.toString(children.timeout().toMillis()));
            }
            group.awaitAll();
            ahead = aheadCount.get();
            trips = tripCount.get();
            out.println("Barrier tripped " + trips + " times for " + phases + " phases (broken: " +
                barrier.isBroken() + ")");
        }
        out.printf("%d workers went through %d phases in lock-step in %d ms%n", workers, phases,
            (System.nanoTime() - start) / 1_000_000);
        if (ahead != 0 || trips != phases)
        {
            throw new DemoException(Main.EXIT_FAILURE, "lock-step broken: " + ahead + " times a worker saw " +
                "another behind after the barrier, " + trips + " trips for " + phases + " phases");
        }
        return 0;
    }
}

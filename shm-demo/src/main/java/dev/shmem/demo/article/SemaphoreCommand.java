package dev.shmem.demo.article;

import dev.shmem.SharedInt;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
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
 * {@code semaphore}: limited concurrency, the article's {@code Semaphore} (its section on Lock and Semaphore has
 * code only for the Lock, so the wording of this one's lines is ours). N child JVMs ({@link SemaphoreWorker}) start
 * together and each takes a permit of one {@link SharedSemaphore} of 2 permits for a while; they count how many
 * are inside at once, and the main process prints the largest count seen, which the semaphore keeps at or below
 * its permits.
 */
@Command(
    name = "semaphore",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Limited concurrency: worker JVMs share a Semaphore of 2 permits.",
        "N worker JVMs start together, each holds one of the semaphore's permits for a while; prints who " +
            "enters and leaves and the most workers inside at once."
    },
    footer = { "", "Exit status: 0 success, 1 a worker failed (its pid, exception and log are printed) or more " +
        "workers than permits were inside at once, 2 bad usage." })
public final class SemaphoreCommand implements Callable<Integer>
{
    static final String SEMAPHORE = "sem";
    static final String EVENTS = "events";
    static final String MAX_INSIDE = "max_inside";
    static final String READY = "ready";
    static final String START = "start";

    @Spec
    CommandSpec spec;

    @Option(names = { "-w", "--workers" }, paramLabel = "N", defaultValue = "4",
        description = "Worker JVMs, 1 to 32 (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--permits", paramLabel = "N", defaultValue = "2",
        description = "Permits of the semaphore, 1 to 32 (default ${DEFAULT-VALUE}).")
    int permits;

    @Option(names = "--hold", paramLabel = "SECONDS", defaultValue = "0.5",
        description = "How long each worker stays inside, 0 to 60 s (default ${DEFAULT-VALUE}).")
    double holdSeconds;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (workers < 1 || workers > 32)
        {
            throw new DemoException(Main.EXIT_USAGE, "--workers " + workers + " is out of range: expected 1 to 32");
        }
        if (permits < 1 || permits > 32)
        {
            throw new DemoException(Main.EXIT_USAGE, "--permits " + permits + " is out of range: expected 1 to 32");
        }
        if (!(holdSeconds >= 0 && holdSeconds <= 60))
        {
            throw new DemoException(Main.EXIT_USAGE, "--hold " + holdSeconds + " is out of range: expected 0 to 60 s");
        }
        final List<String> roles = new ArrayList<>();
        for (int i = 0; i < workers; i++)
        {
            roles.add("worker-" + i);
        }
        children.check(roles);
        final PrintWriter out = spec.commandLine().getOut();
        out.println(workers + " workers, semaphore of " + permits + " permit" + (permits == 1 ? "" : "s"));
        final int maxInside;
        final int available;
        try (ScratchRegion scratch = ScratchRegion.create("semaphore", 1 << 20);
            ChildGroup group = new ChildGroup(out, children))
        {
            final SharedRegion region = scratch.region();
            final SharedSemaphore sem = region.semaphore(SEMAPHORE, permits);
            final SharedInt ready = region.intValue(READY);
            final SharedInt start = region.intValue(START);
            region.longValue(EVENTS);
            final SharedInt max = region.intValue(MAX_INSIDE);
            final String holdMillis = Long.toString(Math.round(holdSeconds * 1000));
            for (int i = 0; i < workers; i++)
            {
                group.start(roles.get(i), SemaphoreWorker.class, scratch.path().toString(), Integer.toString(i),
                    Integer.toString(permits), holdMillis, Long.toString(children.timeout().toMillis()));
            }
            group.await(() -> ready.get() == workers, "get ready");
            // Release: pairs with the workers' acquire loads; everything created above is visible to them.
            start.setRelease(1);
            group.awaitAll();
            maxInside = max.get();
            available = sem.availablePermits();
        }
        out.println("Max concurrency seen: " + maxInside + " (permits: " + permits + ")");
        out.println("Permits available at the end: " + available + " of " + permits);
        if (maxInside > permits || available != permits)
        {
            throw new DemoException(Main.EXIT_FAILURE, "the semaphore did not limit concurrency: " + maxInside +
                " workers were inside at once with " + permits + " permits, " + available + " available at the end");
        }
        return 0;
    }
}

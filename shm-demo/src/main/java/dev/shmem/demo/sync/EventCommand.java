package dev.shmem.demo.sync;

import dev.shmem.SharedEvent;
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
 * {@code event}: Python's {@code multiprocessing.Event}. N waiter JVMs ({@link EventWorker}) wait on one
 * {@link SharedEvent}; a setter JVM sets it after a delay; every waiter wakes.
 */
@Command(
    name = "event",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "One JVM sets an Event, the others wake: Python's multiprocessing.Event.",
        "N waiter JVMs wait on a shared event; a setter JVM sets it after a delay; prints who waits, the set, " +
            "and each wake-up."
    },
    footer = { "", "Exit status: 0 success, 1 a child failed or a waiter did not wake, 2 bad usage." })
public final class EventCommand implements Callable<Integer>
{
    static final String EVENT = "go";
    static final String WAITING = "waiting";
    static final String WOKE = "woke";

    @Spec
    CommandSpec spec;

    @Option(names = { "-w", "--waiters" }, paramLabel = "N", defaultValue = "3",
        description = "Waiter JVMs, 1 to 16 (default ${DEFAULT-VALUE}).")
    int waiters;

    @Option(names = "--delay", paramLabel = "MILLIS", defaultValue = "500",
        description = "How long the setter waits after every waiter waits, 0 to 60000 ms (default ${DEFAULT-VALUE}).")
    int delayMillis;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        Checks.inRange("--waiters", waiters, 1, 16);
        Checks.inRange("--delay", delayMillis, 0, 60_000);
        final List<String> roles = new ArrayList<>();
        for (int i = 0; i < waiters; i++)
        {
            roles.add("waiter-" + i);
        }
        roles.add("setter");
        children.check(roles);
        final PrintWriter out = spec.commandLine().getOut();
        out.println(waiters + " waiters, 1 setter, event '" + EVENT + "'");
        final int woke;
        try (ScratchRegion scratch = ScratchRegion.create("event", 1 << 20);
            ChildGroup group = new ChildGroup(out, children))
        {
            final SharedRegion region = scratch.region();
            final SharedEvent event = region.event(EVENT);
            final SharedInt waiting = region.intValue(WAITING);
            final SharedInt wokeCount = region.intValue(WOKE);
            final String timeout = Long.toString(children.timeout().toMillis());
            for (int i = 0; i < waiters; i++)
            {
                group.start(roles.get(i), EventWorker.class, scratch.path().toString(), "wait", Integer.toString(i),
                    timeout);
            }
            group.await(() -> waiting.get() == waiters, "wait on the event");
            group.start("setter", EventWorker.class, scratch.path().toString(), "set", Integer.toString(delayMillis),
                timeout);
            group.awaitAll();
            woke = wokeCount.get();
            out.println("Event set: " + event.isSet() + "; waiters woken: " + woke + " of " + waiters);
        }
        if (woke != waiters)
        {
            throw new DemoException(Main.EXIT_FAILURE, "only " + woke + " of " + waiters + " waiters woke");
        }
        return 0;
    }
}

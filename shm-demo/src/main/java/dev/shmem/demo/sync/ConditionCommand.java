package dev.shmem.demo.sync;

import dev.shmem.SharedIntArray;
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
 * {@code condition}: Python's {@code multiprocessing.Condition} in its classic use, a bounded buffer. Producer and
 * consumer JVMs ({@link ConditionWorker}) share a buffer of a few slots guarded by one lock with two named
 * conditions, {@code not_full} and {@code not_empty}; the main process checks every item was taken exactly once.
 */
@Command(
    name = "condition",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "A bounded buffer between JVMs on a lock and two Conditions: Python's multiprocessing.Condition.",
        "Producers wait on not_full while the buffer is full, consumers on not_empty while it is empty; every " +
            "item must be taken exactly once."
    },
    footer = { "", "Exit status: 0 success, 1 a child failed or an item was lost or taken twice, 2 bad usage." })
public final class ConditionCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--producers", paramLabel = "N", defaultValue = "2",
        description = "Producer JVMs, 1 to 8 (default ${DEFAULT-VALUE}).")
    int producers;

    @Option(names = "--consumers", paramLabel = "N", defaultValue = "2",
        description = "Consumer JVMs, 1 to 8 (default ${DEFAULT-VALUE}).")
    int consumers;

    @Option(names = "--items", paramLabel = "N", defaultValue = "1000",
        description = "Items per producer, 1 to 1000000 (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--slots", paramLabel = "N", defaultValue = "4",
        description = "Slots of the buffer, 1 to 1024 (default ${DEFAULT-VALUE}).")
    int slots;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        Checks.inRange("--producers", producers, 1, 8);
        Checks.inRange("--consumers", consumers, 1, 8);
        Checks.inRange("--items", items, 1, 1_000_000);
        Checks.inRange("--slots", slots, 1, 1024);
        final int total = producers * items;
        final List<String> roles = new ArrayList<>();
        for (int i = 0; i < producers; i++)
        {
            roles.add("producer-" + i);
        }
        for (int i = 0; i < consumers; i++)
        {
            roles.add("consumer-" + i);
        }
        children.check(roles);
        final PrintWriter out = spec.commandLine().getOut();
        out.println(producers + " producers x " + items + " items, " + consumers + " consumers, buffer of " + slots +
            " slots");
        int once = 0;
        int lost = 0;
        int twice = 0;
        final long start = System.nanoTime();
        try (ScratchRegion scratch = ScratchRegion.create("condition", 16L << 20);
            ChildGroup group = new ChildGroup(out, children))
        {
            final SharedRegion region = scratch.region();
            new ConditionWorker.Buffer(region, slots);
            final SharedIntArray seen = region.intArray(ConditionWorker.SEEN, total);
            final String timeout = Long.toString(children.timeout().toMillis());
            for (int i = 0; i < producers; i++)
            {
                group.start(roles.get(i), ConditionWorker.class, scratch.path().toString(), "produce",
                    Integer.toString(slots), Integer.toString(i * items), Integer.toString(items), timeout);
            }
            for (int i = 0; i < consumers; i++)
            {
                group.start(roles.get(producers + i), ConditionWorker.class, scratch.path().toString(), "consume",
                    Integer.toString(slots), Integer.toString(i), Integer.toString(total), timeout);
            }
            group.awaitAll();
            for (int i = 0; i < total; i++)
            {
                final int times = seen.get(i);
                if (times == 1)
                {
                    once++;
                }
                else if (times == 0)
                {
                    lost++;
                }
                else
                {
                    twice++;
                }
            }
        }
        out.printf("%d items taken exactly once, %d lost, %d taken more than once, in %d ms%n", once, lost, twice,
            (System.nanoTime() - start) / 1_000_000);
        if (once != total)
        {
            throw new DemoException(Main.EXIT_FAILURE, "the buffer lost " + lost + " items and duplicated " + twice);
        }
        return 0;
    }
}

package dev.shmem.demo.article;

import dev.shmem.SharedIntArray;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code value-array}: the article's {@code Value} and {@code Array} example. Two {@link Incrementer} child JVMs
 * each add one 1000 times to a {@link dev.shmem.SharedInt} under a {@link dev.shmem.SharedLock}, an
 * {@link ArrayUpdater} child JVM adds one to each element of a {@link SharedIntArray} {@code [0, 0, 0]}, and the
 * main process prints {@code Counter: 2000} and {@code Array: [1, 1, 1]}.
 *
 * <p>{@code --increments 10000 --no-array} is the article's {@code safe_add} Lock example ({@code Counter: 20000}).
 */
@Command(
    name = "value-array",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "The article's Value/Array example: a shared counter under a shared lock, and a shared array.",
        "Two JVMs each add 1 to a shared int 1000 times under a shared lock, a third adds 1 to each " +
            "element of a shared int array [0, 0, 0]; prints the counter and the array."
    },
    footer = { "", "Exit status: 0 success, 1 a child failed (its pid, exception and log are printed), 2 bad usage." })
public final class ValueArrayCommand implements Callable<Integer>
{
    static final String COUNTER = "counter";
    static final String LOCK = "lock";
    static final String ARRAY = "shared_arr";
    static final List<String> ROLES = List.of("p1", "p2", "a");

    @Spec
    CommandSpec spec;

    @Option(names = { "-n", "--increments" }, paramLabel = "N", defaultValue = "1000",
        description = "Increments per incrementing process, 0 to 100,000,000 (default ${DEFAULT-VALUE}).")
    int increments;

    @Option(names = "--no-array",
        description = "Leave out the array process: the article's safe_add Lock example (with --increments 10000).")
    boolean noArray;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        children.check(noArray ? ROLES.subList(0, 2) : ROLES);
        if (increments < 0 || increments > 100_000_000)
        {
            throw new DemoException(Main.EXIT_USAGE, "--increments " + increments +
                " is out of range: expected 0 to 100,000,000");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final String timeoutMillis = Long.toString(children.timeout().toMillis());
        final int counter;
        final int[] array;
        try (ScratchRegion scratch = ScratchRegion.create("value-array", 1 << 20);
            ChildGroup group = new ChildGroup(out, children))
        {
            scratch.region().lock(LOCK);
            scratch.region().intValue(COUNTER);
            final SharedIntArray sharedArr = scratch.region().intArray(ARRAY, 3);
            final String region = scratch.path().toString();
            group.start("p1", Incrementer.class, region, Integer.toString(increments), timeoutMillis);
            group.start("p2", Incrementer.class, region, Integer.toString(increments), timeoutMillis);
            if (!noArray)
            {
                group.start("a", ArrayUpdater.class, region, Integer.toString(sharedArr.length()));
            }
            group.awaitAll();
            counter = scratch.region().intValue(COUNTER).get();
            array = new int[sharedArr.length()];
            for (int i = 0; i < array.length; i++)
            {
                array[i] = sharedArr.get(i);
            }
        }
        out.println("Counter: " + counter);
        if (!noArray)
        {
            out.println("Array: " + Arrays.toString(array));
        }
        return 0;
    }
}

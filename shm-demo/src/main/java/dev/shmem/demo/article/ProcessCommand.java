package dev.shmem.demo.article;

import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import dev.shmem.demo.support.ChildGroup;
import dev.shmem.demo.support.ChildOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code process}: the article's first example, {@code Process(target=worker, args=("A", 0.5))}, {@code start()},
 * {@code join()}: a child JVM runs {@link ProcessWorker} with arguments while the parent waits for it.
 *
 * <p>JVM children are always <em>spawned</em>: a JVM cannot fork itself, so the child is a fresh JVM that loads
 * its classes and runs {@code main} from the start, like Python's {@code spawn} start method (the article's fork
 * vs spawn section). Nothing of the parent's memory is inherited; the worker gets only its arguments. The command
 * prints this as its first line, as the article's {@code get_start_method()} example does.
 */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "The article's Process example: a child JVM runs worker(\"A\", 0.5); the parent joins it.",
        "JVM children are always spawned (a fresh JVM, like Python's 'spawn'): a JVM cannot fork."
    },
    footer = { "", "Exit status: 0 success, 1 the worker failed (its pid, exception and log are printed), 2 bad usage." })
public final class ProcessCommand implements Callable<Integer>
{
    static final String ROLE = "worker";

    @Spec
    CommandSpec spec;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "A",
        description = "The worker's name argument (default ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "0.5",
        description = "The worker's delay argument: sleep after each iteration, 0 to 60 s (default ${DEFAULT-VALUE}).")
    double delaySeconds;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        children.check(List.of(ROLE));
        if (!(delaySeconds >= 0 && delaySeconds <= 60))
        {
            throw new DemoException(Main.EXIT_USAGE, "--delay " + delaySeconds + " is out of range: expected 0 to 60 s");
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.println("Start method: spawn (a JVM cannot fork: the worker is a fresh JVM that gets only its arguments)");
        try (ChildGroup group = new ChildGroup(out, children))
        {
            group.start(ROLE, ProcessWorker.class, name, Long.toString(Math.round(delaySeconds * 1000)));
            out.println("Main: waiting for worker to finish");
            out.flush();
            group.awaitAll();
        }
        out.println("Main: worker finished");
        return 0;
    }
}

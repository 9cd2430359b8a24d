package dev.shmem.demo.article;

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
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code producer-consumer}: the article's {@code Queue} example. A {@link Producer} child JVM puts
 * {@code item-0}..{@code item-4} into a {@link dev.shmem.SharedQueue} and closes it (the article puts a
 * {@code None} sentinel; here the close is the end-of-stream signal, without a magic value), a {@link Consumer}
 * child JVM takes items until the end of the stream, and the main process joins both and prints
 * {@code Main: done}.
 *
 * <p>The children's lines are printed as they appear in their logs: each child's lines in order, the two
 * children's interleaved as in the article's run, which is not deterministic.
 */
@Command(
    name = "producer-consumer",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "The article's Queue example: a producer JVM and a consumer JVM over a shared queue.",
        "The producer puts item-0..item-4, then closes the queue (the article's sentinel); the consumer " +
            "takes items until the end of the stream."
    },
    footer = { "", "Exit status: 0 success, 1 a child failed (its pid, exception and log are printed), 2 bad usage." })
public final class ProducerConsumerCommand implements Callable<Integer>
{
    static final String QUEUE = "q";
    /** Numbers the children's lines so the parent prints them in the order things happened. */
    static final String EVENTS = "events";
    static final int SLOTS = 16;
    static final int MAX_MESSAGE_BYTES = 64;
    static final String PRODUCER = "producer";
    static final String CONSUMER = "consumer";

    /** The article's {@code time.sleep(random.random() * 0.5)} in the producer. */
    private static final long PRODUCER_MAX_SLEEP_MILLIS = 500;
    /** The article's {@code time.sleep(0.2)} in the consumer. */
    private static final long CONSUMER_SLEEP_MILLIS = 200;

    @Spec
    CommandSpec spec;

    @Option(names = { "-n", "--items" }, paramLabel = "N", defaultValue = "5",
        description = "Items the producer puts, 0 to 1,000,000 (default ${DEFAULT-VALUE}).")
    int items;

    @Option(names = "--no-sleep",
        description = "Skip the article's sleeps (producer: random up to 0.5 s after each put; consumer: 0.2 s).")
    boolean noSleep;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        children.check(List.of(PRODUCER, CONSUMER));
        if (items < 0 || items > 1_000_000)
        {
            throw new DemoException(Main.EXIT_USAGE, "--items " + items + " is out of range: expected 0 to 1,000,000");
        }
        final PrintWriter out = spec.commandLine().getOut();
        final String timeoutMillis = Long.toString(children.timeout().toMillis());
        try (ScratchRegion scratch = ScratchRegion.create("producer-consumer", 1 << 20);
            ChildGroup group = new ChildGroup(out, children))
        {
            scratch.region().queue(QUEUE, SLOTS, MAX_MESSAGE_BYTES);
            final String region = scratch.path().toString();
            group.start(PRODUCER, Producer.class, region, QUEUE, Integer.toString(items),
                Long.toString(noSleep ? 0 : PRODUCER_MAX_SLEEP_MILLIS), timeoutMillis);
            group.start(CONSUMER, Consumer.class, region, QUEUE,
                Long.toString(noSleep ? 0 : CONSUMER_SLEEP_MILLIS), timeoutMillis);
            group.awaitAll();
        }
        out.println("Main: done");
        return 0;
    }
}

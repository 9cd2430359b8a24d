package dev.shmem.bench.runner.scenarios;

import dev.shmem.inspect.RegionInspector;
import dev.shmem.inspect.RegionSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.bench.runner.ChildReport;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.RunSettings;
import dev.shmem.bench.runner.Target;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages per second through one {@link SharedQueue} of {@value #SLOTS} slots between processes: the first
 * half of the processes ({@code --processes / 2}, at least 1) produce numbered messages as fast as the queue takes
 * them, the others consume; ops/s counts messages delivered (the consumers' operations only). At least 2
 * processes. Compared with Python's {@code multiprocessing.Queue} moving {@code bytes} of the same length
 * between the same number of processes; target (issue 8) {@code >= 20x}.
 *
 * <p>Checks: every consumer checks each message (see {@link QueueConsumer}); after the run the parent drains what
 * is left in the queue, and the sent and received tallies ({@link SequenceTally}) must match for every producer:
 * every message arrived exactly once. Messages long enough carry their offer time (one in
 * {@value QueueMessage#LATENCY_SAMPLE}, see {@link QueueMessage}), so the consumers record the offer-to-poll
 * latency. With a producer faster than its consumer the queue stays full, so that latency is mostly
 * the time a message waits behind the {@value #SLOTS} before it (Little's law), not the cost of a handoff.
 */
public abstract class QueueThroughput extends ChildScenario
{
    /** Slots of the queue (Python's producers, which have an unbounded queue, keep as many in flight). */
    public static final int SLOTS = 1024;

    /**
     * @return the message length in bytes.
     */
    protected abstract int messageBytes();

    /**
     * @return the Python baseline's scenario name.
     */
    protected abstract String pythonBaseline();

    @Override
    public final Optional<String> baseline()
    {
        return Optional.of(pythonBaseline());
    }

    @Override
    public final List<Target> targets()
    {
        return List.of(Target.ratioAtLeast(name(), pythonBaseline(), 20));
    }

    @Override
    protected final int processes(final RunSettings settings)
    {
        return Math.max(2, settings.processes());
    }

    @Override
    protected final long regionCapacity()
    {
        return REGION_CAPACITY + (long)SLOTS * (messageBytes() + 128);
    }

    @Override
    protected final LatencyMode latencyMode()
    {
        return QueueMessage.isStamped(messageBytes()) ? LatencyMode.WORKER : LatencyMode.NONE;
    }

    @Override
    protected final boolean countsTowardsRate(final int index, final int processes)
    {
        return index >= producers(processes);
    }

    @Override
    protected final void prepare(final ParentContext context)
    {
        queue(context.region());
        tallies(context.region(), context.processes());
    }

    @Override
    public final Worker worker(final WorkerContext context)
    {
        final SharedQueue queue = queue(context.region());
        final SharedLongArray tallies = tallies(context.region(), context.processes());
        final int producers = producers(context.processes());
        return context.index() < producers ?
            new QueueProducer(context, queue, tallies, producers, context.index(), messageBytes()) :
            new QueueConsumer(context, queue, tallies, producers, context.processes() - producers, messageBytes());
    }

    @Override
    protected final void verify(final ParentContext context, final List<ChildReport> reports)
    {
        final SharedQueue queue = queue(context.region());
        final int producers = producers(context.processes());
        final SequenceTally arrived = new SequenceTally(producers);
        for (byte[] message; (message = queue.poll()) != null; )
        {
            final long id = QueueMessage.checkedId(message, messageBytes());
            arrived.add(QueueMessage.producerOf(id), QueueMessage.sequenceOf(id));
        }
        final RegionSnapshot.Queue state = queueState(context.region().path(), queue.name());
        expectEqual("messages skipped after a dead producer", 0, state.skipped());
        expectEqual("messages lost with a dead consumer", 0, state.lost());
        final SharedLongArray tallies = tallies(context.region(), context.processes());
        final SequenceTally sent = new SequenceTally(producers);
        for (int index = 0; index < context.processes(); index++)
        {
            (index < producers ? sent : arrived).addAll(SequenceTally.readFrom(tallies, index, producers));
        }
        for (int p = 0; p < producers; p++)
        {
            if (sent.count(p) == 0)
            {
                throw new IllegalStateException("producer " + p + " sent nothing");
            }
        }
        arrived.expectSameAs(sent);
    }

    @Override
    protected final void addMetrics(final List<ChildReport> reports, final Map<String, Double> metrics)
    {
        metrics.put("producers", (double)producers(reports.size()));
    }

    @Override
    protected String note()
    {
        final String latency = "; latency = offer to poll, 1 message in " + QueueMessage.LATENCY_SAMPLE +
            " (mostly the wait in a full queue)";
        return "processes / 2 produce, the others consume; " + SLOTS + " slots of " + messageBytes() + " bytes" +
            (QueueMessage.isStamped(messageBytes()) ? latency : "");
    }

    private String queueName()
    {
        return name() + ".queue";
    }

    private SharedQueue queue(final SharedRegion region)
    {
        return region.queue(queueName(), SLOTS, messageBytes());
    }

    private SharedLongArray tallies(final SharedRegion region, final int processes)
    {
        return region.longArray(name() + ".tallies", processes * producers(processes) * SequenceTally.FIELDS);
    }

    private static int producers(final int processes)
    {
        return Math.max(1, processes / 2);
    }

    private static RegionSnapshot.Queue queueState(final Path region, final String name)
    {
        try (RegionInspector inspector = RegionInspector.open(region))
        {
            return inspector.queue(name).orElseThrow();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot inspect " + region, ex);
        }
    }
}

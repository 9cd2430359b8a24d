package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A consumer process of a {@link QueueThroughput} scenario: one operation takes one message (waiting
 * {@value QueueProducer#WAIT_MILLIS} ms at a time until one comes or the run stops), checks it (length, trailing
 * id, its producer's sequence numbers strictly increasing, and with a single consumer without a gap), records its
 * offer-to-poll latency if it carries a time stamp (one in {@value QueueMessage#LATENCY_SAMPLE}), and tallies it.
 * The tally goes to the scenario's tally array when it closes.
 */
final class QueueConsumer implements Worker
{
    private final WorkerContext context;
    private final SharedQueue queue;
    private final SharedLongArray tallies;
    private final SequenceTally received;
    private final long[] last;
    private final int bytes;
    private final boolean gapFree;
    private final Histogram latency;
    private long count;

    QueueConsumer(final WorkerContext context, final SharedQueue queue, final SharedLongArray tallies,
        final int producers, final int consumers, final int bytes)
    {
        this.context = context;
        this.queue = queue;
        this.tallies = tallies;
        this.received = new SequenceTally(producers);
        this.last = new long[producers];
        Arrays.fill(last, -1);
        this.bytes = bytes;
        this.gapFree = consumers == 1;
        this.latency = QueueMessage.isStamped(bytes) ? context.latency() : null;
    }

    @Override
    public void operation() throws InterruptedException
    {
        byte[] message = queue.poll();
        while (message == null)
        {
            if (context.isStopping())
            {
                return;
            }
            message = queue.poll(QueueProducer.WAIT_MILLIS, TimeUnit.MILLISECONDS);
        }
        final long stamp = latency != null ? QueueMessage.getLong(message, QueueMessage.STAMP_OFFSET) : 0;
        final long now = stamp != 0 ? System.nanoTime() : 0;
        final long id = QueueMessage.checkedId(message, bytes);
        final int producer = QueueMessage.producerOf(id);
        final long sequence = QueueMessage.sequenceOf(id);
        if (producer >= last.length || sequence <= last[producer] || (gapFree && sequence != last[producer] + 1))
        {
            throw new IllegalStateException("consumer " + context.index() + ": message " + sequence +
                " of producer " + producer + " after " + (producer < last.length ? last[producer] : "-") +
                " (expected " + last.length + " producers, numbers strictly increasing" +
                (gapFree ? ", without a gap" : "") + ")");
        }
        last[producer] = sequence;
        if (stamp != 0)
        {
            latency.recordValue(Math.max(0, now - stamp));
        }
        received.add(producer, sequence);
        count++;
    }

    @Override
    public Map<String, Long> counters()
    {
        return Map.of("received", count);
    }

    @Override
    public void close()
    {
        received.writeTo(tallies, context.index());
    }
}

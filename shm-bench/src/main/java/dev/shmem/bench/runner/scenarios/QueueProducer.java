package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A producer process of a {@link QueueThroughput} scenario: one operation offers one message (numbered, and if
 * long enough, one in {@value QueueMessage#LATENCY_SAMPLE} time-stamped); when the queue is full it waits,
 * {@value #WAIT_MILLIS} ms at a time, until there is room or the run stops. Its tally of what it sent goes to the
 * scenario's tally array when it closes.
 */
final class QueueProducer implements Worker
{
    /** Longest single wait for room. */
    static final long WAIT_MILLIS = 10;

    private final WorkerContext context;
    private final SharedQueue queue;
    private final SharedLongArray tallies;
    private final SequenceTally sent;
    private final int producer;
    private final byte[] message;
    private final boolean stamped;
    private long sequence;

    QueueProducer(final WorkerContext context, final SharedQueue queue, final SharedLongArray tallies,
        final int producers, final int producer, final int bytes)
    {
        this.context = context;
        this.queue = queue;
        this.tallies = tallies;
        this.sent = new SequenceTally(producers);
        this.producer = producer;
        this.message = new byte[bytes];
        this.stamped = QueueMessage.isStamped(bytes);
    }

    @Override
    public void operation() throws InterruptedException
    {
        final long id = QueueMessage.id(producer, sequence);
        final boolean sampled = stamped && QueueMessage.isSampled(sequence);
        QueueMessage.putLong(message, 0, id);
        if (stamped)
        {
            QueueMessage.putLong(message, message.length - 8, id);
            QueueMessage.putLong(message, QueueMessage.STAMP_OFFSET, sampled ? System.nanoTime() : 0);
        }
        if (!queue.offer(message))
        {
            do
            {
                if (context.isStopping())
                {
                    return;
                }
                if (sampled)
                {
                    QueueMessage.putLong(message, QueueMessage.STAMP_OFFSET, System.nanoTime());
                }
            }
            while (!queue.offer(message, WAIT_MILLIS, TimeUnit.MILLISECONDS));
        }
        sent.add(producer, sequence);
        sequence++;
    }

    @Override
    public Map<String, Long> counters()
    {
        return Map.of("sent", sequence);
    }

    @Override
    public void close()
    {
        sent.writeTo(tallies, context.index());
    }
}

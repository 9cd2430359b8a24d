package dev.shmem.bench.runner.scenarios;

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
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Messages per second between processes through a ring of about {@value #MESSAGES} messages, zero-copy on both
 * sides, against the JVM peers a user would compare {@link SharedQueue} with: Agrona's {@link
 * ManyToOneRingBuffer} and {@link OneToOneRingBuffer} on a mapped file (what Aeron uses for IPC). With {@code
 * --processes 2n}: the queue runs n producers and n consumers, the many-to-one ring n producers and its one
 * consumer, the one-to-one ring always 1 and 1. Producers (a producer copies its message once, from a direct buffer into the ring: {@code
 * SharedQueue.offer(ByteBuffer)} or {@code RingBuffer.write}), the others consume in place ({@code
 * SharedQueue.drain(reader, n)}, a read-only view of each slot, or {@code RingBuffer.read(handler, n)}), up to
 * {@value #MESSAGES} messages per call; ops/s counts messages consumed. On a full or empty ring both sides spin
 * briefly then yield, the same for every transport (Agrona has no blocking verbs), until the run stops.
 *
 * <p>Capacity: {@value #MESSAGES} slots for the {@code SharedQueue}; for the ring buffers the power of two of bytes
 * nearest to {@value #MESSAGES} records ({@code align(8 + message, 8)} bytes each): 16 KiB (1024 records) for 8-byte
 * messages, 1 MiB (1016 records) for 1 KiB ones. A message is its id (producer and sequence, see {@link
 * QueueMessage}) at the start and, from 16 bytes, again at the end; consumers check length, both ids and each
 * producer's order, and the parent checks that every message sent was consumed once (counted at the end).
 */
public abstract class RingThroughput extends ChildScenario
{
    /** Messages the ring holds (about, for the ring buffers: see the class comment). */
    public static final int MESSAGES = QueueThroughput.SLOTS;

    private static final int MESSAGE_TYPE = 1;
    private static final int SPINS = 100;

    /** What moves the messages. */
    enum Transport
    {
        /** {@code SharedQueue}, zero-copy verbs. */
        QUEUE,
        /** Agrona {@link ManyToOneRingBuffer}. */
        MANY_TO_ONE,
        /** Agrona {@link OneToOneRingBuffer}. */
        ONE_TO_ONE
    }

    /**
     * @return the transport.
     */
    abstract Transport transport();

    /**
     * @return the message length in bytes.
     */
    abstract int messageBytes();

    /**
     * @return the name of the Agrona scenario this one is compared with, if any.
     */
    abstract Optional<String> comparedWith();

    @Override
    public final Optional<String> baseline()
    {
        return comparedWith();
    }

    @Override
    public final List<Target> targets()
    {
        return comparedWith().map(base -> List.of(Target.ratioAtLeast(name(), base, 1.0))).orElse(List.of());
    }

    @Override
    public final String description()
    {
        final String what;
        switch (transport())
        {
            case QUEUE:
                what = "SharedQueue zero-copy: offer(ByteBuffer), drain(reader, n)";
                break;
            case MANY_TO_ONE:
                what = "Agrona ManyToOneRingBuffer on a mapped file: write(), read(handler, n)";
                break;
            default:
                what = "Agrona OneToOneRingBuffer on a mapped file: write(), read(handler, n)";
                break;
        }
        return what + ", " + messageBytes() + "-byte messages";
    }

    @Override
    protected final int processes(final RunSettings settings)
    {
        final int producers = Math.max(1, settings.processes() / 2);
        switch (transport())
        {
            case ONE_TO_ONE:
                return 2;
            case MANY_TO_ONE:
                return producers + 1;
            default:
                return 2 * producers;
        }
    }

    @Override
    protected final long regionCapacity()
    {
        return REGION_CAPACITY + (transport() == Transport.QUEUE ? (long)MESSAGES * (messageBytes() + 128) : 0);
    }

    @Override
    protected final boolean countsTowardsRate(final int index, final int processes)
    {
        return index >= producers(processes);
    }

    @Override
    protected final void prepare(final ParentContext context) throws IOException
    {
        tallies(context.region(), context.processes());
        if (transport() == Transport.QUEUE)
        {
            queue(context.region());
        }
        else
        {
            IoUtil.unmap(IoUtil.mapNewFile(context.file(".ring").toFile(),
                ringBytes() + RingBufferDescriptor.TRAILER_LENGTH, true));
        }
    }

    @Override
    public final Worker worker(final WorkerContext context)
    {
        final Endpoint endpoint = endpoint(context.region(), context.file(".ring"));
        final SharedLongArray tallies = tallies(context.region(), context.processes());
        final int producers = producers(context.processes());
        return context.index() < producers ?
            new ProducerWorker(context, endpoint, tallies, messageBytes()) :
            new ConsumerWorker(context, endpoint, tallies, producers, messageBytes());
    }

    @Override
    protected final void verify(final ParentContext context, final List<ChildReport> reports)
    {
        final int producers = producers(context.processes());
        final Endpoint endpoint = endpoint(context.region(), Path.of(context.region().path() + ".ring"));
        final Check left = new Check(producers, messageBytes(), false);
        try
        {
            // A ring buffer's read that only skips the padding record at the end of the buffer returns 0: go on
            // until it is empty.
            while (endpoint.drain(left) > 0 || !endpoint.isEmpty())
            {
                continue;
            }
        }
        finally
        {
            endpoint.close();
        }
        final SharedLongArray tallies = tallies(context.region(), context.processes());
        long sent = 0;
        long received = left.count;
        for (int index = 0; index < context.processes(); index++)
        {
            if (index < producers)
            {
                if (tallies.get(index) == 0)
                {
                    throw new IllegalStateException("producer " + index + " sent nothing");
                }
                sent += tallies.get(index);
            }
            else
            {
                received += tallies.get(index);
            }
        }
        expectEqual("messages consumed (by the consumers and the parent's drain) = messages sent", sent, received);
    }

    @Override
    protected final void addMetrics(final List<ChildReport> reports, final Map<String, Double> metrics)
    {
        metrics.put("producers", (double)producers(reports.size()));
    }

    @Override
    protected String note()
    {
        return (transport() == Transport.QUEUE ? "processes / 2 produce, the others consume" :
            "processes - 1 produce, one consumes") + ", zero-copy, spin then yield when full or empty; " +
            (transport() == Transport.QUEUE ? MESSAGES + " slots" : ringBytes() + "-byte ring") + " of " +
            messageBytes() + "-byte messages";
    }

    /**
     * The idle strategy of both sides on a full or empty ring: spin {@value #SPINS} times, then yield the CPU (on
     * a machine with more busy threads than CPUs a spinning side would burn the other's time).
     */
    private static void idle(final int attempt)
    {
        if (attempt < SPINS)
        {
            Thread.onSpinWait();
        }
        else
        {
            Thread.yield();
        }
    }

    private int ringBytes()
    {
        final int record = org.agrona.BitUtil.align(8 + messageBytes(), 8);
        final int below = Integer.highestOneBit(record * MESSAGES);
        return record * MESSAGES - below <= 2 * below - record * MESSAGES ? below : 2 * below;
    }

    private Endpoint endpoint(final SharedRegion region, final Path ringFile)
    {
        if (transport() == Transport.QUEUE)
        {
            return new QueueEndpoint(queue(region));
        }
        final MappedByteBuffer mapped = IoUtil.mapExistingFile(ringFile.toFile(), "ring");
        final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
        return new RingEndpoint(transport() == Transport.MANY_TO_ONE ? new ManyToOneRingBuffer(buffer) :
            new OneToOneRingBuffer(buffer), mapped);
    }

    private SharedQueue queue(final SharedRegion region)
    {
        return region.queue(name() + ".queue", MESSAGES, messageBytes());
    }

    private SharedLongArray tallies(final SharedRegion region, final int processes)
    {
        return region.longArray(name() + ".tallies", processes);
    }

    private int producers(final int processes)
    {
        return transport() == Transport.QUEUE ? processes / 2 : processes - 1;
    }

    /**
     * One side's handle on the transport.
     */
    private interface Endpoint
    {
        /**
         * @param message the message (position 0, limit its length; a direct buffer).
         * @param wrapped the same bytes for Agrona.
         * @return true if it went in.
         */
        boolean offer(ByteBuffer message, UnsafeBuffer wrapped);

        /**
         * @param check gets every message consumed.
         * @return messages consumed (0 if empty).
         */
        int drain(Check check);

        /**
         * @return true if nothing is left to consume.
         */
        boolean isEmpty();

        /**
         * Unmaps what this endpoint mapped.
         */
        void close();
    }

    private static final class QueueEndpoint implements Endpoint
    {
        private final SharedQueue queue;
        private Check check;
        private final Consumer<ByteBuffer> reader = view -> check.accept(view.getLong(0),
            view.getLong(Math.max(0, view.remaining() - 8)), view.remaining());

        QueueEndpoint(final SharedQueue queue)
        {
            this.queue = queue;
        }

        @Override
        public boolean offer(final ByteBuffer message, final UnsafeBuffer wrapped)
        {
            return queue.offer(message);
        }

        @Override
        public int drain(final Check check)
        {
            this.check = check;
            return queue.drain(reader, MESSAGES);
        }

        @Override
        public boolean isEmpty()
        {
            return queue.isEmpty();
        }

        @Override
        public void close()
        {
        }
    }

    private static final class RingEndpoint implements Endpoint
    {
        private final RingBuffer ring;
        private final MappedByteBuffer mapped;
        private Check check;
        private final MessageHandler handler = (type, buffer, index, length) -> check.accept(
            buffer.getLong(index, java.nio.ByteOrder.BIG_ENDIAN),
            buffer.getLong(index + Math.max(0, length - 8), java.nio.ByteOrder.BIG_ENDIAN), length);

        RingEndpoint(final RingBuffer ring, final MappedByteBuffer mapped)
        {
            this.ring = ring;
            this.mapped = mapped;
        }

        @Override
        public boolean offer(final ByteBuffer message, final UnsafeBuffer wrapped)
        {
            return ring.write(MESSAGE_TYPE, wrapped, 0, message.limit());
        }

        @Override
        public int drain(final Check check)
        {
            this.check = check;
            return ring.read(handler, MESSAGES);
        }

        @Override
        public boolean isEmpty()
        {
            return ring.size() == 0;
        }

        @Override
        public void close()
        {
            IoUtil.unmap(mapped);
        }
    }

    /**
     * Checks consumed messages: length, both ids, and each producer's order (strictly increasing; without a gap
     * when there is one consumer).
     */
    private static final class Check
    {
        private final long[] last;
        private final int bytes;
        private final boolean ordered;
        private long count;

        Check(final int producers, final int bytes, final boolean ordered)
        {
            this.last = new long[producers];
            java.util.Arrays.fill(last, -1);
            this.bytes = bytes;
            this.ordered = ordered;
        }

        void accept(final long id, final long trailer, final int length)
        {
            final int producer = QueueMessage.producerOf(id);
            final long sequence = QueueMessage.sequenceOf(id);
            if (length != bytes || trailer != id || producer >= last.length ||
                (ordered && sequence <= last[producer]))
            {
                throw new IllegalStateException("message of " + length + " bytes (expected " + bytes + "), id " +
                    Long.toHexString(id) + ", trailer " + Long.toHexString(trailer) + ", after sequence " +
                    (producer < last.length ? last[producer] : -1) + " of producer " + producer);
            }
            last[producer] = sequence;
            count++;
        }
    }

    private static final class ProducerWorker implements Worker
    {
        private final WorkerContext context;
        private final Endpoint endpoint;
        private final SharedLongArray tallies;
        private final ByteBuffer message;
        private final UnsafeBuffer wrapped;
        private final int producer;
        private long sequence;

        ProducerWorker(final WorkerContext context, final Endpoint endpoint, final SharedLongArray tallies,
            final int bytes)
        {
            this.context = context;
            this.endpoint = endpoint;
            this.tallies = tallies;
            this.message = ByteBuffer.allocateDirect(bytes);
            this.wrapped = new UnsafeBuffer(message);
            this.producer = context.index();
        }

        @Override
        public void operation()
        {
            final long id = QueueMessage.id(producer, sequence);
            message.putLong(0, id);
            message.putLong(Math.max(0, message.limit() - 8), id);
            for (int idle = 0; !endpoint.offer(message, wrapped); idle++)
            {
                if (context.isStopping())
                {
                    return;
                }
                idle(idle);
            }
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
            tallies.set(context.index(), sequence);
            endpoint.close();
        }
    }

    /**
     * A consumer: each operation accounts for one message; when it has none in hand it drains a batch (each read
     * in place and checked during the drain).
     */
    private static final class ConsumerWorker implements Worker
    {
        private final WorkerContext context;
        private final Endpoint endpoint;
        private final SharedLongArray tallies;
        private final Check check;
        private int inHand;

        ConsumerWorker(final WorkerContext context, final Endpoint endpoint, final SharedLongArray tallies,
            final int producers, final int bytes)
        {
            this.context = context;
            this.endpoint = endpoint;
            this.tallies = tallies;
            this.check = new Check(producers, bytes, true);
        }

        @Override
        public void operation()
        {
            for (int idle = 0; inHand == 0; idle++)
            {
                inHand = endpoint.drain(check);
                if (inHand == 0)
                {
                    if (context.isStopping())
                    {
                        return;
                    }
                    idle(idle);
                }
            }
            inHand--;
        }

        @Override
        public Map<String, Long> counters()
        {
            return Map.of("received", check.count);
        }

        @Override
        public void close()
        {
            tallies.set(context.index(), check.count);
            endpoint.close();
        }
    }

    /** {@code SharedQueue} zero-copy, 8-byte messages. */
    public static final class Queue8 extends RingThroughput
    {
        /** Scenario name. */
        public static final String NAME = "queue8.zerocopy";

        @Override
        public String name()
        {
            return NAME;
        }

        @Override
        Transport transport()
        {
            return Transport.QUEUE;
        }

        @Override
        int messageBytes()
        {
            return 8;
        }

        @Override
        Optional<String> comparedWith()
        {
            return Optional.of(ManyToOne8.NAME);
        }
    }

    /** {@code SharedQueue} zero-copy, 1 KiB messages. */
    public static final class Queue1KiB extends RingThroughput
    {
        /** Scenario name. */
        public static final String NAME = "queue1k.zerocopy";

        @Override
        public String name()
        {
            return NAME;
        }

        @Override
        Transport transport()
        {
            return Transport.QUEUE;
        }

        @Override
        int messageBytes()
        {
            return 1024;
        }

        @Override
        Optional<String> comparedWith()
        {
            return Optional.of(ManyToOne1KiB.NAME);
        }
    }

    /** Agrona {@code ManyToOneRingBuffer}, 8-byte messages. */
    public static final class ManyToOne8 extends RingThroughput
    {
        /** Scenario name. */
        public static final String NAME = "agrona.mto8";

        @Override
        public String name()
        {
            return NAME;
        }

        @Override
        Transport transport()
        {
            return Transport.MANY_TO_ONE;
        }

        @Override
        int messageBytes()
        {
            return 8;
        }

        @Override
        Optional<String> comparedWith()
        {
            return Optional.empty();
        }
    }

    /** Agrona {@code ManyToOneRingBuffer}, 1 KiB messages. */
    public static final class ManyToOne1KiB extends RingThroughput
    {
        /** Scenario name. */
        public static final String NAME = "agrona.mto1k";

        @Override
        public String name()
        {
            return NAME;
        }

        @Override
        Transport transport()
        {
            return Transport.MANY_TO_ONE;
        }

        @Override
        int messageBytes()
        {
            return 1024;
        }

        @Override
        Optional<String> comparedWith()
        {
            return Optional.empty();
        }
    }

    /** Agrona {@code OneToOneRingBuffer}, 8-byte messages (always 1 producer and 1 consumer). */
    public static final class OneToOne8 extends RingThroughput
    {
        /** Scenario name. */
        public static final String NAME = "agrona.oto8";

        @Override
        public String name()
        {
            return NAME;
        }

        @Override
        Transport transport()
        {
            return Transport.ONE_TO_ONE;
        }

        @Override
        int messageBytes()
        {
            return 8;
        }

        @Override
        Optional<String> comparedWith()
        {
            return Optional.empty();
        }
    }

    /** Agrona {@code OneToOneRingBuffer}, 1 KiB messages (always 1 producer and 1 consumer). */
    public static final class OneToOne1KiB extends RingThroughput
    {
        /** Scenario name. */
        public static final String NAME = "agrona.oto1k";

        @Override
        public String name()
        {
            return NAME;
        }

        @Override
        Transport transport()
        {
            return Transport.ONE_TO_ONE;
        }

        @Override
        int messageBytes()
        {
            return 1024;
        }

        @Override
        Optional<String> comparedWith()
        {
            return Optional.empty();
        }
    }
}

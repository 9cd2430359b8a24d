package dev.shmem.bench.jmh;

import dev.shmem.SharedQueue;
import dev.shmem.bench.BenchFiles;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Producer and consumer threads of one JVM, zero-copy on both sides: {@link SharedQueue} ({@code
 * offer(ByteBuffer)}, {@code drain(reader, n)} with a read-only view of each slot) against Agrona's {@link
 * ManyToOneRingBuffer} and {@link OneToOneRingBuffer} ({@code write}, {@code read(handler, n)}) on a mapped file
 * in the same directory, of about the same capacity ({@value #MESSAGES} slots; for the rings the power of two of
 * bytes nearest {@value #MESSAGES} records), at {@code messageBytes} 8 and 1024. The reader reads the first long
 * of each message (into a {@link Blackhole}).
 *
 * <ul>
 *   <li>{@code queue}, {@code manyToOne}, {@code oneToOne}: 1 producer, 1 consumer.</li>
 *   <li>{@code queue2x2}: 2 producers, 2 consumers; {@code manyToOne2x1}: 2 producers, its one consumer.</li>
 * </ul>
 *
 * <p>Read the secondary result {@code consumed} (messages per time unit through the consumers); the primary score
 * counts calls, including empty drains and full offers.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = BenchJvm.ADD_EXPORTS)
@State(Scope.Group)
public class RingQueueBenchmark
{
    /** Messages the queue holds, as in {@link QueueBenchmark}. */
    public static final int MESSAGES = QueueBenchmark.SLOTS;

    @Param({ "8", "1024" })
    public int messageBytes;

    private BenchRegion region;
    private SharedQueue queue;
    private Path ringFile;
    private MappedByteBuffer ringMapping;
    private RingBuffer manyToOne;
    private RingBuffer oneToOne;

    /**
     * A producer's message: a direct buffer and Agrona's view of it.
     */
    @State(Scope.Thread)
    public static class Message
    {
        ByteBuffer bytes;
        UnsafeBuffer wrapped;

        /**
         * @param benchmark the group's state (for the length).
         */
        @Setup(Level.Trial)
        public void setUp(final RingQueueBenchmark benchmark)
        {
            bytes = ByteBuffer.allocateDirect(benchmark.messageBytes);
            wrapped = new UnsafeBuffer(bytes);
        }
    }

    /**
     * A consumer's readers and count of messages consumed, per time unit.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Consumed
    {
        /** Messages consumed in this iteration. */
        public long consumed;
        Consumer<ByteBuffer> view;
        MessageHandler handler;

        /**
         * @param blackhole where the first long of each message goes.
         */
        @Setup(Level.Trial)
        public void setUp(final Blackhole blackhole)
        {
            view = message -> blackhole.consume(message.getLong(0));
            handler = (type, buffer, index, length) -> blackhole.consume(buffer.getLong(index));
        }

        /**
         * Zeroes the count for the next iteration.
         */
        @Setup(Level.Iteration)
        public void reset()
        {
            consumed = 0;
        }
    }

    /**
     * Creates the region with the queue, and the two ring files.
     *
     * @throws IOException if a file cannot be created.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        region = BenchRegion.create("ringqueue");
        queue = region.region().queue("queue", MESSAGES, messageBytes);
        final int record = BitUtil.align(8 + messageBytes, 8);
        final int below = Integer.highestOneBit(record * MESSAGES);
        final int ringBytes = record * MESSAGES - below <= 2 * below - record * MESSAGES ? below : 2 * below;
        final int length = ringBytes + RingBufferDescriptor.TRAILER_LENGTH;
        ringFile = BenchFiles.newPath(BenchFiles.defaultDirectory(), "rings", ".ring");
        ringMapping = IoUtil.mapNewFile(ringFile.toFile(), 2L * length, true);
        manyToOne = new ManyToOneRingBuffer(new UnsafeBuffer(ringMapping, 0, length));
        oneToOne = new OneToOneRingBuffer(new UnsafeBuffer(ringMapping, length, length));
    }

    /**
     * Closes and deletes the files.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        region.close();
        IoUtil.unmap(ringMapping);
        BenchFiles.deleteQuietly(ringFile);
    }

    @Benchmark
    @Group("queue")
    @GroupThreads(1)
    public boolean queueOffer(final Message message)
    {
        return queue.offer(message.bytes);
    }

    @Benchmark
    @Group("queue")
    @GroupThreads(1)
    public int queueDrain(final Consumed consumed)
    {
        final int n = queue.drain(consumed.view, MESSAGES);
        consumed.consumed += n;
        return n;
    }

    @Benchmark
    @Group("manyToOne")
    @GroupThreads(1)
    public boolean manyToOneWrite(final Message message)
    {
        return manyToOne.write(1, message.wrapped, 0, messageBytes);
    }

    @Benchmark
    @Group("manyToOne")
    @GroupThreads(1)
    public int manyToOneRead(final Consumed consumed)
    {
        final int n = manyToOne.read(consumed.handler, MESSAGES);
        consumed.consumed += n;
        return n;
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public boolean oneToOneWrite(final Message message)
    {
        return oneToOne.write(1, message.wrapped, 0, messageBytes);
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public int oneToOneRead(final Consumed consumed)
    {
        final int n = oneToOne.read(consumed.handler, MESSAGES);
        consumed.consumed += n;
        return n;
    }

    @Benchmark
    @Group("queue2x2")
    @GroupThreads(2)
    public boolean queue2x2Offer(final Message message)
    {
        return queue.offer(message.bytes);
    }

    @Benchmark
    @Group("queue2x2")
    @GroupThreads(2)
    public int queue2x2Drain(final Consumed consumed)
    {
        final int n = queue.drain(consumed.view, MESSAGES);
        consumed.consumed += n;
        return n;
    }

    @Benchmark
    @Group("manyToOne2x1")
    @GroupThreads(2)
    public boolean manyToOne2x1Write(final Message message)
    {
        return manyToOne.write(1, message.wrapped, 0, messageBytes);
    }

    @Benchmark
    @Group("manyToOne2x1")
    @GroupThreads(1)
    public int manyToOne2x1Read(final Consumed consumed)
    {
        final int n = manyToOne.read(consumed.handler, MESSAGES);
        consumed.consumed += n;
        return n;
    }
}

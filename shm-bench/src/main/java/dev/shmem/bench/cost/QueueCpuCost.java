package dev.shmem.bench.cost;

import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.bench.BenchFiles;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * CPU time per message of the zero-copy verbs, one thread, no contention: the thread fills the ring ({@code
 * SharedQueue.offer(ByteBuffer)} or {@code RingBuffer.write}) and empties it ({@code drain(reader, n)} or {@code
 * read(handler, n)}), over and over, and the thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()})
 * is divided by the messages moved. Unlike a throughput run this does not depend on how the scheduler shares a
 * loaded machine (time off the CPU is not counted), and it shows what a message costs in instructions and locked
 * operations; it does not show the cost of moving cache lines between cores (there is one core).
 *
 * <p>Usage: {@code QueueCpuCost [rounds]} (default 5 rounds of 1 s CPU time per transport and size).
 */
public final class QueueCpuCost
{
    private static final int MESSAGES = 1024;
    private static final long ROUND_CPU_NANOS = 1_000_000_000L;

    private QueueCpuCost()
    {
    }

    /**
     * @param args {@code [rounds]}.
     * @throws IOException if a file cannot be made.
     */
    public static void main(final String[] args) throws IOException
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("CPU ns per message (offer + consume in place), one thread, " + rounds +
            " rounds of 1 s CPU each, median; rounds in brackets");
        for (final int bytes : new int[] { 8, 1024 })
        {
            final Path regionPath = BenchFiles.newPath(BenchFiles.defaultDirectory(), "cpu-cost", ".shm");
            final Path ringPath = BenchFiles.newPath(BenchFiles.defaultDirectory(), "cpu-cost", ".ring");
            final int record = BitUtil.align(8 + bytes, 8);
            final int below = Integer.highestOneBit(record * MESSAGES);
            final int ringBytes = record * MESSAGES - below <= 2 * below - record * MESSAGES ? below : 2 * below;
            final int length = ringBytes + RingBufferDescriptor.TRAILER_LENGTH;
            final MappedByteBuffer mapping = IoUtil.mapNewFile(ringPath.toFile(), 2L * length, true);
            try (SharedRegion region = SharedRegion.create(regionPath, 4L << 20))
            {
                final SharedQueue queue = region.queue("q", MESSAGES, bytes);
                final RingBuffer manyToOne = new ManyToOneRingBuffer(new UnsafeBuffer(mapping, 0, length));
                final RingBuffer oneToOne = new OneToOneRingBuffer(new UnsafeBuffer(mapping, length, length));
                final ByteBuffer message = ByteBuffer.allocateDirect(bytes);
                final UnsafeBuffer wrapped = new UnsafeBuffer(message);
                final long[] sink = new long[1];
                final Consumer<ByteBuffer> view = m -> sink[0] += m.getLong(0);
                final MessageHandler handler = (type, buffer, index, len) -> sink[0] += buffer.getLong(index);
                final Mover queueMover = () ->
                {
                    int n = 0;
                    while (queue.offer(message))
                    {
                        n++;
                    }
                    return n == queue.drain(view, MESSAGES) ? n : -1;
                };
                final Mover manyToOneMover = mover(manyToOne, wrapped, bytes, handler);
                final Mover oneToOneMover = mover(oneToOne, wrapped, bytes, handler);
                final String[] names = { "SharedQueue", "ManyToOneRingBuffer", "OneToOneRingBuffer" };
                final Mover[] movers = { queueMover, manyToOneMover, oneToOneMover };
                final double[][] costs = new double[movers.length][rounds];
                for (int round = -1; round < rounds; round++)
                {
                    for (int m = 0; m < movers.length; m++)
                    {
                        final long start = threads.getCurrentThreadCpuTime();
                        long moved = 0;
                        long now;
                        while ((now = threads.getCurrentThreadCpuTime()) - start < ROUND_CPU_NANOS)
                        {
                            for (int i = 0; i < 100; i++)
                            {
                                final int n = movers[m].fillAndEmpty();
                                if (n <= 0)
                                {
                                    throw new IllegalStateException(names[m] + " moved " + n + " messages");
                                }
                                moved += n;
                            }
                        }
                        if (round >= 0)
                        {
                            costs[m][round] = (double)(now - start) / moved;
                        }
                    }
                }
                for (int m = 0; m < movers.length; m++)
                {
                    final double[] sorted = costs[m].clone();
                    java.util.Arrays.sort(sorted);
                    final StringBuilder line = new StringBuilder();
                    for (final double c : costs[m])
                    {
                        line.append(line.length() == 0 ? "" : ", ").append(String.format("%.1f", c));
                    }
                    System.out.printf("%5d B  %-20s %6.1f ns  [%s]%n", bytes, names[m], sorted[rounds / 2], line);
                }
                if (sink[0] == 42)
                {
                    System.out.println();
                }
            }
            finally
            {
                IoUtil.unmap(mapping);
                BenchFiles.deleteQuietly(ringPath);
                BenchFiles.deleteQuietly(regionPath);
            }
        }
    }

    private static Mover mover(final RingBuffer ring, final UnsafeBuffer message, final int bytes,
        final MessageHandler handler)
    {
        return () ->
        {
            int n = 0;
            while (ring.write(1, message, 0, bytes))
            {
                n++;
            }
            int read = 0;
            for (int r; (r = ring.read(handler, MESSAGES)) > 0 || ring.size() > 0; )
            {
                read += r;
            }
            return n == read ? n : -1;
        };
    }

    /**
     * Fills a ring, then empties it.
     */
    @FunctionalInterface
    private interface Mover
    {
        /**
         * @return messages moved (both counts equal), or -1 if they differ.
         */
        int fillAndEmpty();
    }
}

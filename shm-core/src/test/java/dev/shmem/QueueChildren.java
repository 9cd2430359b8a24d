package dev.shmem;

import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionFiles;
import dev.shmem.internal.liveness.ProcessTable;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Child mains for the cross-process queue tests. Messages are 64 bytes: producer id, sequence, a pattern, and a
 * CRC32 of the rest, so a torn message cannot pass for a good one.
 */
final class QueueChildren
{
    static final int MESSAGE_BYTES = 64;
    static final int PER_PRODUCER_STRIDE = 1_000_000;

    private QueueChildren()
    {
    }

    static byte[] message(final int producer, final int sequence)
    {
        final ByteBuffer b = ByteBuffer.allocate(MESSAGE_BYTES);
        b.putInt(producer).putInt(sequence);
        while (b.remaining() > 8)
        {
            b.putInt(producer * 31 + sequence * 17 + b.position());
        }
        final CRC32 crc = new CRC32();
        crc.update(b.array(), 0, MESSAGE_BYTES - 8);
        b.putLong(crc.getValue());
        return b.array();
    }

    /** @return producer * stride + sequence of a checked message. */
    static int check(final byte[] m)
    {
        if (m.length != MESSAGE_BYTES)
        {
            throw new AssertionError("message of " + m.length + " bytes");
        }
        final ByteBuffer b = ByteBuffer.wrap(m);
        final CRC32 crc = new CRC32();
        crc.update(m, 0, MESSAGE_BYTES - 8);
        if (b.getLong(MESSAGE_BYTES - 8) != crc.getValue())
        {
            throw new AssertionError("torn message: bad checksum");
        }
        final int producer = b.getInt(0);
        final int sequence = b.getInt(4);
        if (!java.util.Arrays.equals(m, message(producer, sequence)))
        {
            throw new AssertionError("message content differs for producer " + producer + " seq " + sequence);
        }
        return producer * PER_PRODUCER_STRIDE + sequence;
    }

    /** {@code PATH ID COUNT}: puts COUNT messages of producer ID into queue "q". */
    static final class Producer
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedQueue q = region.queue("q", 64, MESSAGE_BYTES);
                final int id = Integer.parseInt(args[1]);
                final int count = Integer.parseInt(args[2]);
                for (int i = 0; i < count; i++)
                {
                    q.put(message(id, i));
                }
            }
        }
    }

    /**
     * {@code PATH}: takes from "q" until end of stream, checking each message and its per-producer order, and
     * counting it in "seen" and "received".
     */
    static final class Consumer
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedQueue q = region.queue("q", 64, MESSAGE_BYTES);
                final SharedIntArray seen = region.intArray("seen", 2 * PER_PRODUCER_STRIDE);
                final SharedLong received = region.longValue("received");
                final int[] last = { -1, -1 };
                for (byte[] m; (m = q.take()) != null; )
                {
                    final int key = check(m);
                    final int producer = key / PER_PRODUCER_STRIDE;
                    final int sequence = key % PER_PRODUCER_STRIDE;
                    if (sequence <= last[producer])
                    {
                        throw new AssertionError("producer " + producer + " out of order: " + sequence + " after " +
                            last[producer]);
                    }
                    last[producer] = sequence;
                    seen.incrementAndGet(key);
                    received.incrementAndGet();
                }
            }
        }
    }

    /**
     * {@code PATH}: does what a producer of queue "q" does up to the middle of writing its message (claims the slot
     * at the tail as this process, commits the position, writes half the payload), sets "planted" to 1, then
     * sleeps until it is killed: a producer killed -9 mid-message, at a chosen moment.
     */
    static final class StuckProducer
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedQueue q = region.queue("q", 64, MESSAGE_BYTES);
                // Joins this JVM's attachment: the same process slot and generation as the region's.
                final Attachment attachment = Attachment.attach(RegionFiles.open(Path.of(args[0]),
                    Duration.ofSeconds(5), false));
                final MappedRegion mapped = attachment.region();
                final UnsafeBuffer[] entry = new UnsafeBuffer[1];
                mapped.directory().forEach(e ->
                {
                    if (e.name().equals("q"))
                    {
                        entry[0] = new UnsafeBuffer(mapped.buffer(), e.dataOffset(), e.dataBytes());
                    }
                });
                final long stamp = attachment.processStamp();
                final long claimer = ((long)(ProcessTable.slotOf(stamp) + 1) << 16) | ProcessTable.generationOf(stamp);
                final long tail = entry[0].getLongVolatile(QueueDescriptor.TAIL_OFFSET);
                final int slot = QueueDescriptor.SLOTS_START + (int)(tail % q.capacity()) *
                    entry[0].getInt(QueueDescriptor.SLOT_STRIDE_OFFSET);
                if (!entry[0].compareAndSetLong(slot, tail, (claimer << QueueDescriptor.POSITION_BITS) | tail) ||
                    !entry[0].compareAndSetLong(QueueDescriptor.TAIL_OFFSET, tail, tail + 1))
                {
                    throw new IllegalStateException("expected an idle empty queue at position " + tail);
                }
                entry[0].putInt(slot + QueueDescriptor.SLOT_LENGTH_OFFSET, MESSAGE_BYTES);
                entry[0].putBytes(slot + QueueDescriptor.SLOT_PAYLOAD_OFFSET, message(9, 9), 0, MESSAGE_BYTES / 2);
                region.longValue("planted").set(1);
                Thread.sleep(Long.MAX_VALUE);
            }
        }
    }
}

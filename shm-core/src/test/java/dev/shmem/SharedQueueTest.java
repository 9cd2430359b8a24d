package dev.shmem;

import dev.shmem.internal.queue.QueueDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue conformance suite on the mapped backend, and its recovery from dead producers and consumers.
 */
class SharedQueueTest extends QueueConformanceTest
{
    private SharedRegion region;

    @Override
    protected SpaceFixture newFixture() throws Exception
    {
        final SpaceFixture fixture = SpaceFixture.region();
        region = (SharedRegion)fixture.space();
        return fixture;
    }

    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSlotClaimedByADeadProducerIsSkippedNotTorn() throws Exception
    {
        final SharedQueue q = region.queue("q", 4, 8);
        q.offer(bytes("before"));
        assertArrayEquals(bytes("before"), q.poll());
        // Simulate a producer (process slot 100, never attached) that claimed and committed position 1, then died.
        try (FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final UnsafeBuffer entry = queueEntry(channel);
            final long deadClaimer = ((long)(100 + 1) << 16) | 5;
            entry.putLongVolatile(slot(entry, 1), (deadClaimer << QueueDescriptor.POSITION_BITS) | 1);
            entry.putInt(slot(entry, 1) + QueueDescriptor.SLOT_LENGTH_OFFSET, 7);
            entry.putLongVolatile(QueueDescriptor.TAIL_OFFSET, 2);
        }
        q.offer(bytes("after"));
        assertNull(q.poll(), "the dead producer's slot blocks until recovered");
        assertArrayEquals(bytes("after"), q.poll(10, TimeUnit.SECONDS));
        assertEquals(1, Internals.skippedAfterDeadProducers(q));
        assertNull(q.poll());
    }

    @Test
    void aSlotHeldByADeadConsumerIsFreedForProducers() throws Exception
    {
        final SharedQueue q = region.queue("q", 2, 8);
        q.offer(bytes("m0"));
        q.offer(bytes("m1"));
        // Simulate a consumer that claimed position 0 for reading and died before freeing it.
        try (FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final UnsafeBuffer entry = queueEntry(channel);
            final long deadClaimer = ((long)(100 + 1) << 16) | 5;
            entry.putLongVolatile(slot(entry, 0), (deadClaimer << QueueDescriptor.POSITION_BITS) | 1);
            entry.putLongVolatile(QueueDescriptor.HEAD_OFFSET, 1);
        }
        assertArrayEquals(bytes("m1"), q.poll());
        assertTrue(q.offer(bytes("m2"), 10, TimeUnit.SECONDS), "the dead consumer's slot was not freed");
        assertEquals(1, Internals.lostWithDeadConsumers(q));
        assertArrayEquals(bytes("m2"), q.poll());
    }

    private UnsafeBuffer queueEntry(final FileChannel channel) throws IOException
    {
        final UnsafeBuffer[] found = new UnsafeBuffer[1];
        final var mapped = dev.shmem.internal.region.RegionFiles.open(region.path(), java.time.Duration.ZERO, false);
        mapped.directory().forEach(e ->
        {
            if (e.name().equals("q"))
            {
                found[0] = new UnsafeBuffer(mapped.buffer(), e.dataOffset(), e.dataBytes());
            }
        });
        return found[0];
    }

    private static int slot(final UnsafeBuffer entry, final int index)
    {
        return QueueDescriptor.SLOTS_START + index * entry.getInt(QueueDescriptor.SLOT_STRIDE_OFFSET);
    }
}

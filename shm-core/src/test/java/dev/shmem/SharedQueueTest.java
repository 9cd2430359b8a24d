package dev.shmem;

import dev.shmem.internal.queue.QueueDescriptor;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedQueueTest
{
    private Path dir;
    private SharedRegion region;
    private ExecutorService other;

    @BeforeEach
    void open() throws IOException
    {
        dir = TempRegionDir.createRoot();
        region = SharedRegion.create(dir.resolve("queue.shm"), 4 << 20);
        other = Executors.newCachedThreadPool();
    }

    @AfterEach
    void close()
    {
        other.shutdownNow();
        region.close();
        TempRegionDir.deleteRecursively(dir);
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

    @Test
    void zeroCopyOfferCopiesPositionToLimitAndPollHandsAReadOnlyViewOfTheSlot()
    {
        final SharedQueue q = region.queue("q", 4, 16);
        final ByteBuffer source = ByteBuffer.allocateDirect(32);
        source.put(bytes("xxhello, world")).flip().position(2);
        assertTrue(q.offer(source));
        assertEquals(2, source.position(), "the buffer's position is not changed");
        assertTrue(q.offer(ByteBuffer.wrap(bytes("heap"))));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> q.offer(ByteBuffer.allocate(17)));
        assertTrue(ex.getMessage().contains("17 bytes") && ex.getMessage().contains("16 bytes"), ex.getMessage());
        final List<String> seen = new ArrayList<>();
        assertTrue(q.poll(view ->
        {
            assertTrue(view.isReadOnly());
            assertEquals(0, view.position());
            assertEquals(12, view.limit());
            final byte[] copy = new byte[view.remaining()];
            view.get(copy);
            seen.add(new String(copy, StandardCharsets.UTF_8));
        }));
        assertEquals(1, q.drain(view -> seen.add(StandardCharsets.UTF_8.decode(view).toString()), 8));
        assertEquals(List.of("hello, world", "heap"), seen);
        assertFalse(q.poll(view -> seen.add("none")));
        assertEquals(0, q.drain(view -> seen.add("none"), 8));
        assertThrows(IllegalArgumentException.class, () -> q.drain(view -> { }, 0));
    }

    @Test
    void aReaderThatThrowsStillTakesTheMessageAndFreesTheSlot()
    {
        final SharedQueue q = region.queue("q", 2, 8);
        q.offer(bytes("a"));
        q.offer(bytes("b"));
        assertThrows(IllegalStateException.class, () -> q.poll(view ->
        {
            throw new IllegalStateException("reader failed");
        }));
        assertArrayEquals(bytes("b"), q.poll());
        assertTrue(q.offer(bytes("c")) && q.offer(bytes("d")), "both slots are free");
    }

    @Test
    void drainStopsAtItsMaximumAndSkipsTombstones() throws Exception
    {
        final SharedQueue q = region.queue("q", 8, 8);
        plantDeadProducerAtHead(q, "q", true);
        for (int i = 0; i < 5; i++)
        {
            assertTrue(q.offer(bytes("m" + i)));
        }
        assertTrue(Internals.recoverAtHead(q));
        final List<String> seen = new ArrayList<>();
        assertEquals(3, q.drain(view -> seen.add(StandardCharsets.UTF_8.decode(view).toString()), 3));
        assertEquals(2, q.drain(view -> seen.add(StandardCharsets.UTF_8.decode(view).toString()), 8));
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), seen);
    }

    @Test
    void zeroCopyVerbsDeliverEachMessageOnceWithFourProducersAndFourDrainers() throws Exception
    {
        final SharedQueue q = region.queue("q", 16, 8);
        final int producers = 4;
        final int perProducer = 50_000;
        final AtomicIntegerArray seen = new AtomicIntegerArray(producers * perProducer);
        final List<Future<?>> tasks = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int id = p;
            tasks.add(other.submit(() ->
            {
                final ByteBuffer m = ByteBuffer.allocateDirect(8);
                for (int i = 0; i < perProducer; i++)
                {
                    m.putInt(0, id).putInt(4, i);
                    while (!q.offer(m))
                    {
                        Thread.yield();
                    }
                }
                return null;
            }));
        }
        final List<Future<?>> consumers = new ArrayList<>();
        for (int c = 0; c < 4; c++)
        {
            consumers.add(other.submit(() ->
            {
                final int[] last = { -1, -1, -1, -1 };
                final Consumer<ByteBuffer> reader = view ->
                {
                    final int id = view.getInt(0);
                    final int i = view.getInt(4);
                    if (view.remaining() != 8 || i <= last[id])
                    {
                        throw new AssertionError("producer " + id + ": " + i + " after " + last[id]);
                    }
                    last[id] = i;
                    seen.incrementAndGet(id * perProducer + i);
                };
                while (!q.isEndOfStream())
                {
                    if (q.drain(reader, 5) == 0)
                    {
                        Thread.yield();
                    }
                }
                return null;
            }));
        }
        for (final Future<?> t : tasks)
        {
            t.get(60, TimeUnit.SECONDS);
        }
        q.close();
        for (final Future<?> c : consumers)
        {
            c.get(60, TimeUnit.SECONDS);
        }
        for (int i = 0; i < seen.length(); i++)
        {
            assertEquals(1, seen.get(i), "message " + i);
        }
    }

    /** A claimer id (process slot 100 + 1, generation 5) that no process of the test holds: dead. */
    private static final long DEAD_CLAIMER = ((long)(100 + 1) << 16) | 5;

    private static long word(final long claimer, final long position)
    {
        return (claimer << QueueDescriptor.POSITION_BITS) | position;
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo()
    {
        final SharedQueue q = region.queue("q", 3, 8);
        assertEquals(4, q.capacity());
        assertEquals(4, region.queue("q", 4, 8).capacity(), "3 and 4 name the same queue");
        for (int i = 0; i < 4; i++)
        {
            assertTrue(q.offer(bytes("m" + i)));
        }
        assertFalse(q.offer(bytes("m4")));
    }

    @Test
    void aSlotAheadOfTheTailThrowsInsteadOfSpinning() throws Exception
    {
        final SharedQueue q = region.queue("q", 4, 8);
        try (FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            // Slot 0 claims to be published for position 1000 while Tail and Head are 0: no history gives that.
            final UnsafeBuffer entry = queueEntry(channel);
            entry.putLongVolatile(slot(entry, 0), word(0, 1000));
        }
        final IllegalStateException offered = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(IllegalStateException.class, () -> q.offer(bytes("x"), 1, TimeUnit.SECONDS)));
        assertTrue(offered.getMessage().contains("slot 0") && offered.getMessage().contains("corrupt"),
            offered.getMessage());
        final IllegalStateException polled = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(IllegalStateException.class, () -> q.poll(200, TimeUnit.MILLISECONDS)));
        assertTrue(polled.getMessage().contains("slot 0") && polled.getMessage().contains("corrupt"),
            polled.getMessage());
    }

    @Test
    void aSlotFarBehindTheHeadThrowsInsteadOfSpinning() throws Exception
    {
        final SharedQueue q = region.queue("q", 4, 8);
        try (FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final UnsafeBuffer entry = queueEntry(channel);
            entry.putLongVolatile(QueueDescriptor.TAIL_OFFSET, 100);
            entry.putLongVolatile(QueueDescriptor.HEAD_OFFSET, 100);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(IllegalStateException.class, () -> q.offer(bytes("x"), 1, TimeUnit.SECONDS)));
        assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(IllegalStateException.class, () -> q.poll(200, TimeUnit.MILLISECONDS)));
    }

    @Test
    void aSlotLengthOutsideZeroToTheMaximumThrowsAndFreesTheSlot() throws Exception
    {
        final SharedQueue q = region.queue("q", 4, 64);
        for (final int length : new int[] { -2, Integer.MAX_VALUE, 200, 65, Integer.MIN_VALUE })
        {
            assertTrue(q.offer(bytes("good")));
            try (FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ,
                StandardOpenOption.WRITE))
            {
                final UnsafeBuffer entry = queueEntry(channel);
                final long position = entry.getLongVolatile(QueueDescriptor.HEAD_OFFSET);
                entry.putInt(slot(entry, (int)(position & 3)) + QueueDescriptor.SLOT_LENGTH_OFFSET, length);
            }
            final IllegalStateException ex = assertThrows(IllegalStateException.class, q::poll, "length " + length);
            assertTrue(ex.getMessage().contains(length + " bytes") && ex.getMessage().contains("0 to 64"),
                ex.getMessage());
            assertTrue(q.isEmpty(), "the bad slot was taken and freed");
            assertTrue(q.offer(bytes("next")));
            assertArrayEquals(bytes("next"), q.poll(), "the queue goes on after length " + length);
        }
        for (int i = 0; i < 4; i++)
        {
            assertTrue(q.offer(bytes("fill" + i)), "every slot is free again");
        }
    }

    @Test
    void consumersLoopingShortPollsSkipADeadProducersSlotWhateverTheirTimeout() throws Exception
    {
        for (final long millis : new long[] { 0, 1, 100 })
        {
            final SharedQueue q = region.queue("q" + millis, 8, 8);
            plantDeadProducerAtHead(q, "q" + millis, true);
            q.offer(bytes("behind"));
            final long start = System.nanoTime();
            byte[] got = null;
            while (got == null && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10))
            {
                got = millis == 0 ? q.poll() : q.poll(millis, TimeUnit.MILLISECONDS);
            }
            assertArrayEquals(bytes("behind"), got, "poll(" + millis + " ms) loop recovered within 10 s");
            assertEquals(1, Internals.skippedAfterDeadProducers(q));
        }
    }

    @Test
    void anUncommittedDeadClaimIsCommittedAndTombstonedNotReset() throws Exception
    {
        final SharedQueue q = region.queue("q", 4, 8);
        plantDeadProducerAtHead(q, "q", false);
        assertTrue(Internals.recoverAtHead(q), "recovery took the dead claim over");
        assertEquals(1, Internals.skippedAfterDeadProducers(q));
        assertTrue(q.offer(bytes("next")));
        assertArrayEquals(bytes("next"), q.poll());
        assertNull(q.poll());
    }

    @Test
    void recoveryRacingALiveProducersHelpNeverLosesAPosition() throws Exception
    {
        final SharedQueue q = region.queue("q", 4, 8);
        final int rounds = 2_000;
        for (int round = 0; round < rounds; round++)
        {
            plantDeadProducerAtHead(q, "q", false);
            final byte[] message = bytes("r" + round);
            final CountDownLatch go = new CountDownLatch(1);
            final Future<Boolean> recovery = other.submit(() ->
            {
                go.await();
                return Internals.recoverAtHead(q);
            });
            final Future<Boolean> offer = other.submit(() ->
            {
                go.await();
                return q.offer(message);
            });
            go.countDown();
            recovery.get(10, TimeUnit.SECONDS);
            assertTrue(offer.get(10, TimeUnit.SECONDS));
            byte[] got = q.poll();
            for (int i = 0; got == null && i < 1000; i++)
            {
                Internals.recoverAtHead(q);
                got = q.poll();
            }
            assertArrayEquals(message, got, "round " + round + ": the live producer's message");
            assertNull(q.poll());
        }
        assertEquals(rounds, Internals.skippedAfterDeadProducers(q));
    }

    @Test
    void producersLoopingShortOffersFreeADeadConsumersSlot() throws Exception
    {
        final SharedQueue q = region.queue("q", 2, 8);
        q.offer(bytes("m0"));
        q.offer(bytes("m1"));
        try (FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final UnsafeBuffer entry = queueEntry(channel);
            entry.putLongVolatile(slot(entry, 0), word(DEAD_CLAIMER, 1));
            entry.putLongVolatile(QueueDescriptor.HEAD_OFFSET, 1);
        }
        assertArrayEquals(bytes("m1"), q.poll());
        final long start = System.nanoTime();
        boolean offered = false;
        while (!offered && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10))
        {
            offered = q.offer(bytes("m2"), 10, TimeUnit.MILLISECONDS);
        }
        assertTrue(offered, "offer(10 ms) loop freed the dead consumer's slot within 10 s");
        assertEquals(1, Internals.lostWithDeadConsumers(q));
    }

    /**
     * Makes the slot at the head claimed by a dead producer, its position committed or not.
     */
    private void plantDeadProducerAtHead(final SharedQueue q, final String name, final boolean committed)
        throws IOException
    {
        try (FileChannel channel = FileChannel.open(region.path(), StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final UnsafeBuffer entry = queueEntry(channel, name);
            final long tail = entry.getLongVolatile(QueueDescriptor.TAIL_OFFSET);
            assertEquals(tail, entry.getLongVolatile(QueueDescriptor.HEAD_OFFSET), "plant on an empty queue");
            entry.putLongVolatile(slot(entry, (int)(tail % q.capacity())), word(DEAD_CLAIMER, tail));
            if (committed)
            {
                entry.putLongVolatile(QueueDescriptor.TAIL_OFFSET, tail + 1);
            }
        }
    }

    private UnsafeBuffer queueEntry(final FileChannel channel) throws IOException
    {
        return queueEntry(channel, "q");
    }

    private UnsafeBuffer queueEntry(final FileChannel channel, final String name) throws IOException
    {
        final UnsafeBuffer[] found = new UnsafeBuffer[1];
        final var mapped = dev.shmem.internal.region.RegionFiles.open(region.path(), java.time.Duration.ZERO, false);
        mapped.directory().forEach(e ->
        {
            if (e.name().equals(name))
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

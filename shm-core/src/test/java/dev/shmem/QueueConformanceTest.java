package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link SharedQueue} must do, in one JVM with several threads, on any {@link SharedSpace}: a subclass
 * per backend.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class QueueConformanceTest extends SpaceConformance
{
    private static byte[] bytes(final String s)
    {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fifoOfferAndPollUntilFullAndEmpty()
    {
        final SharedQueue q = space.queue("q", 4, 16);
        assertNull(q.poll());
        for (int i = 0; i < 4; i++)
        {
            assertTrue(q.offer(bytes("m" + i)));
        }
        assertFalse(q.offer(bytes("overflow")), "full");
        assertEquals(4, q.size());
        for (int i = 0; i < 4; i++)
        {
            assertArrayEquals(bytes("m" + i), q.poll());
        }
        assertNull(q.poll());
        assertTrue(q.isEmpty());
        assertTrue(q.offer(new byte[0]), "empty messages are messages");
        assertArrayEquals(new byte[0], q.poll());
    }

    @Test
    void wrapsAroundTheRingManyTimes()
    {
        final SharedQueue q = space.queue("q", 3, 8);
        for (int i = 0; i < scaled(10_000); i++)
        {
            assertTrue(q.offer(ByteBuffer.allocate(8).putLong(i).array()));
            assertEquals(i, ByteBuffer.wrap(q.poll()).getLong());
        }
    }

    @Test
    void tooLongMessageNamesBothSizes()
    {
        final SharedQueue q = space.queue("q", 4, 16);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> q.offer(new byte[17]));
        assertTrue(ex.getMessage().contains("17 bytes") && ex.getMessage().contains("16 bytes"), ex.getMessage());
        assertTrue(q.isEmpty());
    }

    @Test
    void existingQueueMustMatchSlotsAndMessageSize()
    {
        space.queue("q", 4, 16);
        assertThrows(IllegalStateException.class, () -> space.queue("q", 8, 16));
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> space.queue("q", 4, 32));
        assertTrue(ex.getMessage().contains("16 bytes") && ex.getMessage().contains("32 bytes"), ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> space.queue("r", 1, 16));
        assertThrows(IllegalArgumentException.class, () -> space.queue("r", 4, 0));
        assertThrows(IllegalStateException.class, () -> space.longValue("q"));
    }

    @Test
    void takeBlocksUntilAPutAndPutBlocksUntilATake() throws Exception
    {
        final SharedQueue q = space.queue("q", 2, 8);
        final ExecutorService other = Executors.newCachedThreadPool();
        try
        {
            takeAndPut(q, other);
        }
        finally
        {
            other.shutdownNow();
        }
    }

    private static void takeAndPut(final SharedQueue q, final ExecutorService other) throws Exception
    {
        final Future<byte[]> taken = other.submit(q::take);
        assertArrayEquals(bytes("hello"), afterPut(q, taken));
        q.put(bytes("a"));
        q.put(bytes("b"));
        final CountDownLatch started = new CountDownLatch(1);
        final Future<?> blockedPut = other.submit(() ->
        {
            started.countDown();
            q.put(bytes("c"));
            return null;
        });
        started.await();
        assertArrayEquals(bytes("a"), q.take());
        blockedPut.get(10, TimeUnit.SECONDS);
        assertArrayEquals(bytes("b"), q.take());
        assertArrayEquals(bytes("c"), q.take());
    }

    private static byte[] afterPut(final SharedQueue q, final Future<byte[]> taken) throws Exception
    {
        q.put(bytes("hello"));
        return taken.get(10, TimeUnit.SECONDS);
    }

    @Test
    void timedVariantsGiveUp() throws Exception
    {
        final SharedQueue q = space.queue("q", 2, 8);
        long start = System.nanoTime();
        assertNull(q.poll(100, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        q.offer(bytes("1"));
        q.offer(bytes("2"));
        start = System.nanoTime();
        assertFalse(q.offer(bytes("3"), 100, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100));
        assertEquals(2, q.size());
    }

    @Test
    void blockedTakeAndPutHonourInterruptionAndChangeNothing() throws Exception
    {
        final SharedQueue q = space.queue("q", 2, 8);
        assertInterruptedWhileBlocked(q::take);
        assertTrue(q.isEmpty());
        q.offer(bytes("x"));
        q.offer(bytes("y"));
        assertInterruptedWhileBlocked(() -> q.put(bytes("z")));
        assertEquals(2, q.size());
        assertArrayEquals(bytes("x"), q.poll());
        assertArrayEquals(bytes("y"), q.poll());
        assertNull(q.poll());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> q.poll(1, TimeUnit.SECONDS));
    }

    private static void assertInterruptedWhileBlocked(final Blocking call) throws InterruptedException
    {
        final CountDownLatch started = new CountDownLatch(1);
        final Throwable[] outcome = new Throwable[1];
        final Thread blocked = new Thread(() ->
        {
            started.countDown();
            try
            {
                call.run();
                outcome[0] = new AssertionError("did not block");
            }
            catch (final Throwable ex)
            {
                outcome[0] = ex;
            }
        });
        blocked.start();
        started.await();
        blocked.interrupt();
        blocked.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(blocked.isAlive(), "did not react to interrupt");
        assertTrue(outcome[0] instanceof InterruptedException, String.valueOf(outcome[0]));
    }

    /** A blocking queue call. */
    interface Blocking
    {
        void run() throws Exception;
    }

    @Test
    void closeLetsConsumersDrainThenSignalsEndOfStream() throws Exception
    {
        final SharedQueue q = space.queue("q", 8, 8);
        q.put(bytes("1"));
        q.put(bytes("2"));
        final Future<byte[]> waiting = other.submit(() ->
        {
            q.take();
            q.take();
            return q.take();
        });
        q.close();
        assertTrue(q.isClosed());
        assertNull(waiting.get(10, TimeUnit.SECONDS), "end of stream after the drain");
        assertTrue(q.isEndOfStream());
        assertNull(q.take());
        assertNull(q.poll(1, TimeUnit.SECONDS));
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> q.offer(bytes("late")));
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
        assertThrows(IllegalStateException.class, () -> q.put(bytes("late")));
        q.close();
    }

    @Test
    void fourProducersFourConsumersDeliverEachMessageOnce() throws Exception
    {
        final SharedQueue q = space.queue("q", 64, 8);
        final int producers = 4;
        final int perProducer = scaled(50_000);
        final ExecutorService other = Executors.newCachedThreadPool();
        try
        {
            deliverEachOnce(q, producers, perProducer, other);
        }
        finally
        {
            other.shutdownNow();
        }
    }

    private static void deliverEachOnce(final SharedQueue q, final int producers, final int perProducer,
        final ExecutorService other) throws Exception
    {
        final AtomicIntegerArray seen = new AtomicIntegerArray(producers * perProducer);
        final List<Future<?>> tasks = new ArrayList<>();
        for (int p = 0; p < producers; p++)
        {
            final int id = p;
            tasks.add(other.submit(() ->
            {
                for (int i = 0; i < perProducer; i++)
                {
                    q.put(ByteBuffer.allocate(8).putInt(id).putInt(i).array());
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
                for (byte[] m; (m = q.take()) != null; )
                {
                    final ByteBuffer b = ByteBuffer.wrap(m);
                    final int id = b.getInt();
                    final int i = b.getInt();
                    if (i <= last[id])
                    {
                        throw new AssertionError("producer " + id + " out of order: " + i + " after " + last[id]);
                    }
                    last[id] = i;
                    seen.incrementAndGet(id * perProducer + i);
                }
                return null;
            }));
        }
        for (final Future<?> t : tasks)
        {
            t.get();
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

    @Test
    void zeroCopyVerbsOfferAViewAndHandOverAReadOnlyMessage()
    {
        final SharedQueue q = space.queue("z", 4, 8);
        final ByteBuffer out = ByteBuffer.allocate(16);
        out.put(bytes("xxabcd"));
        out.flip().position(2);
        assertTrue(q.offer(out));
        assertEquals(2, out.position(), "position unchanged");
        q.offer(bytes("e"));
        q.offer(bytes("f"));
        final StringBuilder seen = new StringBuilder();
        assertTrue(q.poll(b ->
        {
            assertTrue(b.isReadOnly());
            seen.append(StandardCharsets.UTF_8.decode(b));
        }));
        assertEquals(2, q.drain(b -> seen.append('|').append(StandardCharsets.UTF_8.decode(b)), 5));
        assertEquals("abcd|e|f", seen.toString());
        assertFalse(q.poll(b -> seen.append("!")));
        assertThrows(IllegalArgumentException.class, () -> q.drain(b -> { }, 0));
    }
}

package dev.shmem;

import dev.shmem.process.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CrossProcessQueueTest
{
    private static final long CAPACITY = 16 << 20;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void twoProducersTwoConsumersDeliverEveryMessageExactlyOnce() throws Exception
    {
        final Path path = dir.resolve("q.shm");
        final int perProducer = 200_000;
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            final SharedQueue q = region.queue("q", 64, QueueChildren.MESSAGE_BYTES);
            final SharedIntArray seen = region.intArray("seen", 2 * QueueChildren.PER_PRODUCER_STRIDE);
            final List<ChildJvm> consumers = new ArrayList<>();
            final List<ChildJvm> producers = new ArrayList<>();
            final long start = System.nanoTime();
            for (int c = 0; c < 2; c++)
            {
                consumers.add(ChildJvm.start(QueueChildren.Consumer.class, path.toString()));
            }
            for (int p = 0; p < 2; p++)
            {
                producers.add(ChildJvm.start(QueueChildren.Producer.class, path.toString(), Integer.toString(p),
                    Integer.toString(perProducer)));
            }
            Children.awaitAll(producers);
            q.close();
            Children.awaitAll(consumers);
            System.out.printf("queue: %d messages through 2x2 JVMs in %d ms (incl. JVM start)%n", 2 * perProducer,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            assertEquals(2L * perProducer, region.longValue("received").get());
            for (int p = 0; p < 2; p++)
            {
                for (int i = 0; i < perProducer; i++)
                {
                    final int key = p * QueueChildren.PER_PRODUCER_STRIDE + i;
                    if (seen.get(key) != 1)
                    {
                        throw new AssertionError("producer " + p + " message " + i + " seen " + seen.get(key) + " times");
                    }
                }
            }
            assertTrue(q.isEndOfStream());
        }
    }

    @Test
    void killMinus9OfAProducerMidStreamNeverExposesATornMessageNorStopsTheQueue() throws Exception
    {
        final Path path = dir.resolve("kill.shm");
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            final SharedQueue q = region.queue("q", 64, QueueChildren.MESSAGE_BYTES);
            final SharedIntArray seen = region.intArray("seen", 2 * QueueChildren.PER_PRODUCER_STRIDE);
            final SharedLong received = region.longValue("received");
            try (ChildJvm consumer = ChildJvm.start(QueueChildren.Consumer.class, path.toString());
                ChildJvm doomed = ChildJvm.start(QueueChildren.Producer.class, path.toString(), "0", "900000"))
            {
                Children.awaitValue(received, 20_000);
                doomed.kill();
                try (ChildJvm survivor = ChildJvm.start(QueueChildren.Producer.class, path.toString(), "1", "1000"))
                {
                    survivor.awaitSuccess(Children.TIMEOUT);
                }
                q.close();
                consumer.awaitSuccess(Children.TIMEOUT);
            }
            int delivered = 0;
            boolean gap = false;
            for (int i = 0; i < 900_000; i++)
            {
                final int times = seen.get(i);
                assertTrue(times <= 1, "message " + i + " delivered " + times + " times");
                if (times == 1)
                {
                    assertTrue(!gap, "message " + i + " delivered after a missing one");
                    delivered++;
                }
                else
                {
                    gap = true;
                }
            }
            for (int i = 0; i < 1000; i++)
            {
                assertEquals(1, seen.get(QueueChildren.PER_PRODUCER_STRIDE + i), "survivor's message " + i);
            }
            System.out.printf("killed producer: %d of its messages delivered, %d skipped slots%n", delivered,
                Internals.skippedAfterDeadProducers(q));
            assertEquals(delivered + 1000, received.get());
            assertTrue(q.isEndOfStream());
        }
    }

    @Test
    void consumersLoopingShortPollsRecoverAProducerKilledMidMessageWithinABoundedTime() throws Exception
    {
        for (final long millis : new long[] { 100, 10 })
        {
            final Path path = dir.resolve("stuck" + millis + ".shm");
            try (SharedRegion region = SharedRegion.create(path, CAPACITY))
            {
                final SharedQueue q = region.queue("q", 64, QueueChildren.MESSAGE_BYTES);
                final SharedLong planted = region.longValue("planted");
                try (ChildJvm doomed = ChildJvm.start(QueueChildren.StuckProducer.class, path.toString()))
                {
                    Children.awaitValue(planted, 1);
                    doomed.kill();
                    assertTrue(doomed.waitFor(Children.TIMEOUT), "the killed producer exits");
                }
                final long killed = System.nanoTime();
                for (int i = 0; i < 3; i++)
                {
                    assertTrue(q.offer(QueueChildren.message(1, i)));
                }
                for (int i = 0; i < 3; i++)
                {
                    byte[] m = null;
                    while (m == null && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(30))
                    {
                        m = q.poll(millis, TimeUnit.MILLISECONDS);
                    }
                    assertTrue(m != null, "poll(" + millis + " ms) loop got message " + i + " within 30 s");
                    assertEquals(1 * QueueChildren.PER_PRODUCER_STRIDE + i, QueueChildren.check(m));
                }
                final long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
                System.out.printf("poll(%d ms) loop: dead producer's slot skipped %d ms after the kill%n", millis,
                    tookMillis);
                assertTrue(tookMillis < 5_000, "recovered in " + tookMillis + " ms: expected well under 5 s");
                assertEquals(1, Internals.skippedAfterDeadProducers(q));
                assertNull(q.poll());
            }
        }
    }
}

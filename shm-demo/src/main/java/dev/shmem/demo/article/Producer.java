package dev.shmem.demo.article;

import dev.shmem.SharedLong;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;
import dev.shmem.demo.support.OrderedLines;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The article's {@code producer(q, n)}, as the main class of a child JVM: {@code Producer REGION QUEUE N
 * MAX_SLEEP_MILLIS TIMEOUT_MILLIS}. Puts {@code item-0} to {@code item-(N-1)} into the shared queue, printing
 * {@code Producer: putting item-i} and sleeping a random time below the maximum after each, then closes the queue:
 * the consumer drains it and then sees end of stream (the article's {@code q.put(None)} sentinel). Its lines and the
 * consumer's are numbered from one shared counter ({@link OrderedLines#tag}), so the parent prints them in the
 * order things happened: an item is always put before it is got.
 */
public final class Producer
{
    private Producer()
    {
    }

    /**
     * @param args region, queue name, items, largest sleep in ms (0: none), timeout of a put in ms.
     * @throws Exception if the region cannot be opened, a put times out or is interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        final int items = Integer.parseInt(args[2]);
        final long maxSleepMillis = Long.parseLong(args[3]);
        final long timeoutMillis = Long.parseLong(args[4]);
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedQueue q = region.queue(args[1], ProducerConsumerCommand.SLOTS,
                ProducerConsumerCommand.MAX_MESSAGE_BYTES);
            final SharedLong events = region.longValue(ProducerConsumerCommand.EVENTS);
            for (int i = 0; i < items; i++)
            {
                final String item = "item-" + i;
                // Numbered before the put, so this line comes before the consumer's line for the item.
                System.out.println(OrderedLines.tag(events.incrementAndGet(), "Producer: putting " + item));
                if (!q.offer(item.getBytes(StandardCharsets.UTF_8), timeoutMillis, TimeUnit.MILLISECONDS))
                {
                    throw new IllegalStateException("queue " + q.name() + " stayed full for " + timeoutMillis +
                        " ms: is the consumer running?");
                }
                Faults.failIfRequested("after putting " + item);
                if (maxSleepMillis > 0)
                {
                    TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(maxSleepMillis + 1));
                }
            }
            q.close();
        }
    }
}

package dev.shmem.demo.article;

import dev.shmem.SharedLong;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;
import dev.shmem.demo.support.OrderedLines;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The article's {@code consumer(q)}, as the main class of a child JVM: {@code Consumer REGION QUEUE SLEEP_MILLIS
 * TIMEOUT_MILLIS}. Takes items until end of stream (the queue closed and drained: the article's {@code None}
 * sentinel), printing {@code Consumer: got item} and sleeping after each.
 */
public final class Consumer
{
    private Consumer()
    {
    }

    /**
     * @param args region, queue name, sleep after each item in ms, longest wait for an item in ms.
     * @throws Exception if the region cannot be opened, no item comes within the timeout, or interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        final long sleepMillis = Long.parseLong(args[2]);
        final long timeoutMillis = Long.parseLong(args[3]);
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedQueue q = region.queue(args[1], ProducerConsumerCommand.SLOTS,
                ProducerConsumerCommand.MAX_MESSAGE_BYTES);
            final SharedLong events = region.longValue(ProducerConsumerCommand.EVENTS);
            while (true)
            {
                final byte[] item = q.poll(timeoutMillis, TimeUnit.MILLISECONDS);
                if (item == null)
                {
                    if (q.isEndOfStream())
                    {
                        break;
                    }
                    throw new IllegalStateException("no item in queue " + q.name() + " for " + timeoutMillis +
                        " ms and the queue is not closed: is the producer running?");
                }
                // Numbered after the take, so after the producer's line for this item.
                System.out.println(OrderedLines.tag(events.incrementAndGet(),
                    "Consumer: got " + new String(item, StandardCharsets.UTF_8)));
                Faults.failIfRequested("after getting an item");
                if (sleepMillis > 0)
                {
                    TimeUnit.MILLISECONDS.sleep(sleepMillis);
                }
            }
        }
    }
}

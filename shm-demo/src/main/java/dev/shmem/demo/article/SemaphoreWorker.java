package dev.shmem.demo.article;

import dev.shmem.SharedInt;
import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
import dev.shmem.demo.support.Faults;
import dev.shmem.demo.support.OrderedLines;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A worker of the {@code semaphore} demo, as the main class of a child JVM: {@code SemaphoreWorker REGION INDEX
 * PERMITS HOLD_MILLIS TIMEOUT_MILLIS}. Says it is ready, waits for the parent's start signal (so every worker
 * competes at once), acquires a permit of the shared semaphore ({@code with sem:}), counts itself in (one shared
 * counter numbers the events and counts the workers inside) and raises {@code max_inside} to the count, works
 * (sleeps), counts itself out and releases. Its "entered" and "left" lines carry the event's number
 * ({@link OrderedLines#tag}), so the parent prints every worker's lines in the order the events happened.
 */
public final class SemaphoreWorker
{
    /**
     * One shared long counts both the events (high 32 bits) and the workers inside (low 32 bits), so a single
     * atomic add gives each event its number and the count just after it: the two never disagree.
     */
    private static final int SEQUENCE_SHIFT = 32;
    private static final long INSIDE_MASK = 0xFFFF_FFFFL;
    private static final long ENTER = (1L << SEQUENCE_SHIFT) + 1;
    private static final long LEAVE = (1L << SEQUENCE_SHIFT) - 1;

    private SemaphoreWorker()
    {
    }

    /**
     * @param args region, worker index, semaphore permits, time inside in ms, longest wait in ms.
     * @throws Exception if the region cannot be opened, a wait times out, or interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        final int index = Integer.parseInt(args[1]);
        final int permits = Integer.parseInt(args[2]);
        final long holdMillis = Long.parseLong(args[3]);
        final long timeoutMillis = Long.parseLong(args[4]);
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedSemaphore sem = region.semaphore(SemaphoreCommand.SEMAPHORE, permits);
            final SharedLong events = region.longValue(SemaphoreCommand.EVENTS);
            final SharedInt maxInside = region.intValue(SemaphoreCommand.MAX_INSIDE);
            region.intValue(SemaphoreCommand.READY).incrementAndGet();
            awaitStart(region.intValue(SemaphoreCommand.START), timeoutMillis);
            System.out.println("Worker " + index + ": waiting for a permit");
            if (!sem.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS))
            {
                throw new IllegalStateException("worker " + index + ": no permit of " + sem + " within " +
                    timeoutMillis + " ms");
            }
            try
            {
                // Entering and leaving happen while this worker holds its permit, so in event order no line can
                // show more workers inside than permits; the parent prints the lines in event order.
                final long entered = events.addAndGet(ENTER);
                raise(maxInside, inside(entered));
                System.out.println(OrderedLines.tag(sequence(entered),
                    "Worker " + index + ": entered, " + inside(entered) + " inside"));
                Faults.failIfRequested("while holding a permit");
                TimeUnit.MILLISECONDS.sleep(holdMillis);
                final long left = events.addAndGet(LEAVE);
                System.out.println(OrderedLines.tag(sequence(left),
                    "Worker " + index + ": left, " + inside(left) + " inside"));
            }
            finally
            {
                sem.release();
            }
        }
    }

    /** @return how many workers were inside just after the event. */
    static int inside(final long events)
    {
        return (int)(events & INSIDE_MASK);
    }

    /** @return the event's number, from 1, across every worker. */
    static long sequence(final long events)
    {
        return events >>> SEQUENCE_SHIFT;
    }

    private static void raise(final SharedInt max, final int value)
    {
        int seen = max.get();
        while (seen < value && !max.compareAndSet(seen, value))
        {
            seen = max.get();
        }
    }

    private static void awaitStart(final SharedInt start, final long timeoutMillis) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        // Acquire: pairs with the parent's release store of the start signal.
        while (start.getAcquire() == 0)
        {
            if (System.nanoTime() - deadline >= 0)
            {
                throw new IllegalStateException("no start signal within " + timeoutMillis + " ms");
            }
            TimeUnit.MILLISECONDS.sleep(1);
        }
    }
}

package dev.shmem.demo.article;

import dev.shmem.SharedInt;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
import dev.shmem.demo.support.Faults;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A worker of the {@code semaphore} demo, as the main class of a child JVM: {@code SemaphoreWorker REGION INDEX
 * PERMITS HOLD_MILLIS TIMEOUT_MILLIS}. Says it is ready, waits for the parent's start signal (so every worker
 * competes at once), acquires a permit of the shared semaphore ({@code with sem:}), counts itself in the shared
 * {@code inside} count and raises {@code max_inside} to it, works (sleeps), counts itself out and releases.
 */
public final class SemaphoreWorker
{
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
            final SharedInt inside = region.intValue(SemaphoreCommand.INSIDE);
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
                final int now = inside.incrementAndGet();
                raise(maxInside, now);
                System.out.println("Worker " + index + ": entered, " + now + " inside");
                Faults.failIfRequested("while holding a permit");
                TimeUnit.MILLISECONDS.sleep(holdMillis);
                // Printed before counting out, so a line's count is never lower than the workers still inside.
                System.out.println("Worker " + index + ": leaving");
                inside.decrementAndGet();
            }
            finally
            {
                sem.release();
            }
        }
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

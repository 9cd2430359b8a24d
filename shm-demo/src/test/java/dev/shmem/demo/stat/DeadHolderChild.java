package dev.shmem.demo.stat;

import dev.shmem.SharedRegion;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Main class of a child JVM that takes real locks and a semaphore permit and then waits to be killed with
 * {@code kill -9}, so that they are left held by a dead process: {@code DeadHolderChild REGION SEMAPHORE LOCK...}.
 * It gives up after two minutes (a parent that never kills it must not leave it running), and then fails.
 */
public final class DeadHolderChild
{
    private static final long WAIT_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private DeadHolderChild()
    {
    }

    /**
     * @param args region path, semaphore name (one permit of 4 is taken), lock names.
     * @throws Exception if the region cannot be opened; or after two minutes without being killed.
     */
    public static void main(final String[] args) throws Exception
    {
        final SharedRegion region = SharedRegion.open(Path.of(args[0]));
        if (!region.semaphore(args[1], 4).tryAcquire(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("no permit of semaphore " + args[1] + " within 30 s");
        }
        for (int i = 2; i < args.length; i++)
        {
            if (!region.lock(args[i]).tryLock(30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("lock " + args[i] + " not acquired within 30 s");
            }
        }
        System.out.println("holding " + String.join(", ", Arrays.asList(args).subList(1, args.length)));
        final long start = System.nanoTime();
        while (System.nanoTime() - start < WAIT_LIMIT_NANOS)
        {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new IllegalStateException("not killed by the parent within 2 minutes");
    }
}

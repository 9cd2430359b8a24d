package dev.shmem.demo.article;

import dev.shmem.demo.support.Faults;

import java.util.concurrent.TimeUnit;

/**
 * The article's {@code worker(name, delay)}, as the main class of a child JVM: {@code ProcessWorker NAME
 * DELAY_MILLIS}. Prints {@code Worker NAME: iteration i} three times, sleeping the delay after each.
 */
public final class ProcessWorker
{
    static final int ITERATIONS = 3;

    private ProcessWorker()
    {
    }

    /**
     * @param args name, delay in milliseconds.
     * @throws InterruptedException if interrupted while sleeping.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final String name = args[0];
        final long delayMillis = Long.parseLong(args[1]);
        for (int i = 0; i < ITERATIONS; i++)
        {
            System.out.println("Worker " + name + ": iteration " + i);
            Faults.failIfRequested("in worker " + name + " after iteration " + i);
            TimeUnit.MILLISECONDS.sleep(delayMillis);
        }
    }
}

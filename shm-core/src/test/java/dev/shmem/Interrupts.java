package dev.shmem;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Interrupting a thread blocked in a wait, for the conformance suites.
 */
final class Interrupts
{
    /** A wait that may throw. */
    @FunctionalInterface
    interface Wait
    {
        void await() throws Exception;
    }

    private Interrupts()
    {
    }

    /**
     * Runs {@code wait} in a thread of {@code threads}, interrupts it once it has had 50 ms to block, and checks
     * that the wait ends with {@link InterruptedException}.
     *
     * @param threads where to run the waiter.
     * @param wait    the blocking call.
     * @throws Exception if waiting for the waiter fails.
     */
    static void assertInterruptStops(final ExecutorService threads, final Wait wait) throws Exception
    {
        final AtomicReference<Thread> victim = new AtomicReference<>();
        final Future<Object> waiter = threads.submit(() ->
        {
            victim.set(Thread.currentThread());
            wait.await();
            return null;
        });
        while (victim.get() == null)
        {
            Thread.sleep(1);
        }
        Thread.sleep(50);
        victim.get().interrupt();
        final ExecutionException ex = assertThrows(ExecutionException.class, () -> waiter.get(10, TimeUnit.SECONDS));
        assertInstanceOf(InterruptedException.class, ex.getCause());
    }
}

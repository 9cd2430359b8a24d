package dev.shmem;

import dev.shmem.process.ChildJvm;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * JDK 21+ only (the build targets 17: virtual threads are reached by reflection; {@code .ci/run} runs this class a
 * second time under the Temurin JDK 25): a thousand virtual threads blocked on shm primitives held by another JVM
 * unmount, so an unrelated virtual thread still runs at once, and all get through when the holder lets go.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class VirtualThreadWaitingTest
{
    private static final int THREADS = 1_000;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void aThousandVirtualThreadsBlockedOnALockAndASemaphoreOfAnotherJvmDoNotPinTheirCarriers() throws Exception
    {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        final Path path = dir.resolve("virtual.shm");
        final ExecutorService virtual = newVirtualThreadPerTaskExecutor();
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            final SharedSemaphore semaphore = region.semaphore("vs", 0);
            final AtomicInteger through = new AtomicInteger();
            try (ChildJvm holder = ChildJvm.start(ParkedWaitingTest.ReleaseOnDemand.class, path.toString()))
            {
                Children.awaitValue(region.longValue("held"), 1);
                final List<Future<?>> blocked = new ArrayList<>();
                for (int i = 0; i < THREADS; i++)
                {
                    final boolean onLock = i % 2 == 0;
                    blocked.add(virtual.submit(() ->
                    {
                        if (onLock)
                        {
                            lock.lock();
                            lock.unlock();
                        }
                        else
                        {
                            semaphore.acquireUninterruptibly();
                        }
                        through.incrementAndGet();
                    }));
                }
                awaitWaiters(lock, semaphore);
                final long[] micros = new long[7];
                for (int i = 0; i < micros.length; i++)
                {
                    final long submitted = System.nanoTime();
                    final long ran = virtual.submit(System::nanoTime).get(60, TimeUnit.SECONDS);
                    micros[i] = TimeUnit.NANOSECONDS.toMicros(ran - submitted);
                    Thread.sleep(10);
                }
                Arrays.sort(micros);
                System.out.println(THREADS + " blocked virtual threads; an unrelated virtual thread ran after (us, " +
                    "sorted) " + Arrays.toString(micros));
                assertEquals(0, through.get());
                // Pinned carriers would never run it; the median is robust to a descheduled probe.
                assertTrue(micros[micros.length / 2] < 10_000, "unrelated virtual thread delayed: " +
                    Arrays.toString(micros));
                region.longValue("release").set(1);
                semaphore.release(THREADS / 2);
                for (final Future<?> future : blocked)
                {
                    future.get(60, TimeUnit.SECONDS);
                }
                assertEquals(THREADS, through.get(), "every virtual thread got through once the holder let go");
                holder.awaitSuccess(Children.TIMEOUT);
            }
        }
        finally
        {
            virtual.shutdownNow();
        }
    }

    private static void awaitWaiters(final SharedLock lock, final SharedSemaphore semaphore) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Internals.waiters(lock) + Internals.waiters(semaphore) < THREADS)
        {
            assertTrue(System.nanoTime() < deadline, "waiters registered: lock " + Internals.waiters(lock) +
                ", semaphore " + Internals.waiters(semaphore));
            Thread.sleep(5);
        }
        // Registered, and given time to park.
        Thread.sleep(200);
    }

    private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException
    {
        return (ExecutorService)Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }
}

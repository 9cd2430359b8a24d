package dev.shmem;

import dev.shmem.internal.wait.KernelWaitThread;
import dev.shmem.process.ChildJvm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The library's own threads (the pool's dispatcher and workers) sleep in the kernel on an event count themselves
 * instead of parking: they must keep every guarantee of the parked path (woken by another JVM's signal, by an
 * interrupt at once, time-outs, and dead-holder recovery).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KernelWaitThreadTest
{
    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(60);

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void aTakeSleepingInTheKernelGetsEveryMessageOfAProducerInAnotherJvm() throws Exception
    {
        final Path path = dir.resolve("take.shm");
        final int count = 5_000;
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedQueue queue = region.queue("q", 64, QueueChildren.MESSAGE_BYTES);
            final AtomicInteger received = new AtomicInteger();
            final Waiter consumer = start(() ->
            {
                for (int i = 0; i < count; i++)
                {
                    assertEquals(i, QueueChildren.check(queue.take()));
                    received.incrementAndGet();
                }
            });
            awaitSleepingInKernel(consumer.thread());
            try (ChildJvm producer = ChildJvm.start(QueueChildren.Producer.class, path.toString(), "0",
                Integer.toString(count)))
            {
                consumer.join();
                producer.awaitSuccess(Children.TIMEOUT);
            }
            assertEquals(count, received.get());
        }
    }

    @Test
    void anInterruptWakesAThreadSleepingInTheKernelAtOnce() throws Exception
    {
        try (SharedRegion region = SharedRegion.create(dir.resolve("interrupt.shm"), Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            lock.lock();
            try
            {
                final long[] micros = new long[9];
                for (int i = 0; i < micros.length; i++)
                {
                    final AtomicLong thrownAt = new AtomicLong();
                    final Waiter waiter = start(() ->
                    {
                        try
                        {
                            lock.lockInterruptibly();
                        }
                        catch (final InterruptedException ex)
                        {
                            thrownAt.set(System.nanoTime());
                        }
                    });
                    awaitSleepingInKernel(waiter.thread());
                    final long interruptedAt = System.nanoTime();
                    waiter.thread().interrupt();
                    waiter.join();
                    assertTrue(thrownAt.get() != 0, "no InterruptedException");
                    micros[i] = TimeUnit.NANOSECONDS.toMicros(thrownAt.get() - interruptedAt);
                }
                Arrays.sort(micros);
                System.out.println("kernel-wait thread: interrupt to InterruptedException, us (sorted): " +
                    Arrays.toString(micros));
                // Without the nudge the sleep would end only at its slice (up to 100 ms, the liveness interval).
                assertTrue(micros[micros.length / 2] < 5_000, "median " + Arrays.toString(micros));
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    @Test
    void aTimedWaitSleepingInTheKernelTimesOut() throws Exception
    {
        try (SharedRegion region = SharedRegion.create(dir.resolve("timeout.shm"), Children.CAPACITY))
        {
            final SharedQueue queue = region.queue("q", 4, 16);
            final AtomicReference<byte[]> polled = new AtomicReference<>(new byte[0]);
            final AtomicLong elapsed = new AtomicLong();
            final long timeoutMillis = 1_500;
            final Waiter waiter = start(() ->
            {
                final long start = System.nanoTime();
                polled.set(queue.poll(timeoutMillis, TimeUnit.MILLISECONDS));
                elapsed.set(System.nanoTime() - start);
            });
            awaitSleepingInKernel(waiter.thread());
            waiter.join();
            assertNull(polled.get());
            assertTrue(elapsed.get() >= TimeUnit.MILLISECONDS.toNanos(timeoutMillis), "returned early: " + elapsed);
            // Generous (a loaded machine), but a wait that ignored its deadline would be far past it.
            assertTrue(elapsed.get() < TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 20_000), "late: " + elapsed);
        }
    }

    @Test
    void aSignallerOfTheSameJvmWakesAKernelSleeperBesideAParkedWaiter() throws Exception
    {
        try (SharedRegion region = SharedRegion.create(dir.resolve("same-jvm.shm"), Children.CAPACITY))
        {
            // The signaller's shortcut skips the kernel wake when every registered waiter is parked in its JVM;
            // a kernel sleeper is registered but not parked, so it must still be woken.
            final SharedQueue queue = region.queue("q", 4, 16);
            final AtomicReference<byte[]> kernelGot = new AtomicReference<>();
            final AtomicReference<byte[]> parkedGot = new AtomicReference<>();
            final Waiter kernel = start(() -> kernelGot.set(queue.take()));
            final Thread parked = new Thread(() ->
            {
                try
                {
                    parkedGot.set(queue.take());
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            parked.start();
            awaitSleepingInKernel(kernel.thread());
            ParkedWaitingTest.awaitState(parked, Thread.State.WAITING);
            queue.put(new byte[] { 1 });
            queue.put(new byte[] { 2 });
            kernel.join();
            parked.join(JOIN_MILLIS);
            assertFalse(parked.isAlive(), "the parked waiter got nothing");
            assertEquals(3, kernelGot.get()[0] + parkedGot.get()[0], "each took one message");
        }
    }

    @Test
    void aLockWaitSleepingInTheKernelTakesOverFromAKilledHolder() throws Exception
    {
        final Path path = dir.resolve("dead.shm");
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY))
        {
            final SharedLock lock = region.lock("l");
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "lock", "0", "hang"))
            {
                Children.awaitValue(region.longValue("held"), 1);
                final AtomicBoolean acquired = new AtomicBoolean();
                final AtomicBoolean consistent = new AtomicBoolean(true);
                final Waiter waiter = start(() ->
                {
                    lock.lock();
                    acquired.set(true);
                    consistent.set(lock.isConsistent());
                    lock.unlock();
                });
                awaitSleepingInKernel(waiter.thread());
                holder.kill();
                holder.waitFor(Children.TIMEOUT);
                waiter.join();
                assertTrue(acquired.get());
                assertFalse(consistent.get(), "a takeover must report the lock inconsistent");
                assertEquals(holder.pid(), Internals.lastDeadOwnerPid(lock));
            }
        }
    }

    private static Waiter start(final ParkedWaitingTest.Blocking body)
    {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new KernelWaitThread(() ->
        {
            try
            {
                body.run();
            }
            catch (final Exception | AssertionError ex)
            {
                failure.set(ex);
            }
        }, "kernel-wait-test");
        thread.start();
        return new Waiter(thread, failure);
    }

    /** A started kernel-wait thread and what its body threw. */
    private record Waiter(Thread thread, AtomicReference<Throwable> failure)
    {
        void join() throws InterruptedException
        {
            thread.join(JOIN_MILLIS);
            assertFalse(thread.isAlive(), thread.getName() + " is still waiting: " +
                Arrays.toString(thread.getStackTrace()));
            assertNull(failure.get());
        }
    }

    /**
     * Waits until the thread sleeps in the kernel on an event count (its stack is in the futex system call under
     * {@code EventCount.sleepInKernel}), not parked and not spinning.
     */
    private static void awaitSleepingInKernel(final Thread thread) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!inKernelSleep(thread.getStackTrace()))
        {
            if (System.nanoTime() > deadline || !thread.isAlive())
            {
                throw new AssertionError(thread.getName() + " does not sleep in the kernel: " +
                    Arrays.toString(thread.getStackTrace()));
            }
            Thread.sleep(1);
        }
    }

    private static boolean inKernelSleep(final StackTraceElement[] stack)
    {
        return stack.length > 1 && stack[0].getMethodName().equals("syscall") &&
            Arrays.stream(stack).anyMatch(frame -> frame.getMethodName().equals("sleepInKernel"));
    }
}

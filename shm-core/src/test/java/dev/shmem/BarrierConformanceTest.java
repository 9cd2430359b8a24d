package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@link CyclicBarrier} verbs, in one JVM with several threads: one base, a subclass per {@link SharedSpace}
 * backend and one for the JDK's {@link CyclicBarrier}, which shows the expectations are the JDK's.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class BarrierConformanceTest
{
    /** The verbs both barriers share. */
    interface Verbs
    {
        int await() throws InterruptedException, BrokenBarrierException;

        int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException;

        void reset();

        boolean isBroken();

        int getParties();

        int getNumberWaiting();
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int created;

    /**
     * @param name    a name unique in the test.
     * @param parties parties.
     * @return a new barrier.
     */
    abstract Verbs newBarrier(String name, int parties);

    /**
     * @param barrier a space's barrier.
     * @return its verbs.
     */
    static Verbs of(final SharedBarrier barrier)
    {
        return new Verbs()
        {
            public int await() throws InterruptedException, BrokenBarrierException { return barrier.await(); }
            public int await(final long t, final TimeUnit u)
                throws InterruptedException, BrokenBarrierException, TimeoutException
            {
                return barrier.await(t, u);
            }
            public void reset() { barrier.reset(); }
            public boolean isBroken() { return barrier.isBroken(); }
            public int getParties() { return barrier.getParties(); }
            public int getNumberWaiting() { return barrier.getNumberWaiting(); }
        };
    }

    @AfterEach
    void stopThreads()
    {
        threads.shutdownNow();
    }

    private Verbs barrier(final int parties)
    {
        return newBarrier("barrier-" + created++, parties);
    }

    @Test
    void aSinglePartyTripsAtOnceWithIndexZero() throws Exception
    {
        final Verbs barrier = barrier(1);
        assertEquals(1, barrier.getParties());
        assertEquals(0, barrier.await());
        assertEquals(0, barrier.await(1, TimeUnit.SECONDS));
        assertFalse(barrier.isBroken());
    }

    @Test
    void partiesGetEveryArrivalIndexOnceAndTheLastGetsZero() throws Exception
    {
        final int parties = 4;
        final Verbs barrier = barrier(parties);
        final List<Future<Integer>> waiting = new ArrayList<>();
        for (int i = 0; i < parties - 1; i++)
        {
            waiting.add(threads.submit(() -> barrier.await()));
        }
        awaitWaiting(barrier, parties - 1);
        assertEquals(0, barrier.await(), "the last to arrive");
        final Set<Integer> indices = new HashSet<>();
        indices.add(0);
        for (final Future<Integer> f : waiting)
        {
            indices.add(f.get(10, TimeUnit.SECONDS));
        }
        assertEquals(Set.of(0, 1, 2, 3), indices);
        assertEquals(0, barrier.getNumberWaiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    void theBarrierIsReusedGenerationAfterGeneration() throws Exception
    {
        final Verbs barrier = barrier(2);
        final int rounds = 500;
        final long[] seen = new long[1];
        final Future<?> other = threads.submit(() ->
        {
            for (int i = 0; i < rounds; i++)
            {
                barrier.await();
            }
            return null;
        });
        for (int i = 0; i < rounds; i++)
        {
            barrier.await(10, TimeUnit.SECONDS);
            seen[0]++;
        }
        other.get(10, TimeUnit.SECONDS);
        assertEquals(rounds, seen[0]);
        assertFalse(barrier.isBroken());
    }

    @Test
    void writesBeforeAwaitAreVisibleAfterItInTheOtherParty() throws Exception
    {
        final Verbs barrier = barrier(2);
        final int[] box = new int[1];
        final Future<Integer> reader = threads.submit(() ->
        {
            barrier.await();
            return box[0];
        });
        box[0] = 42;
        barrier.await();
        assertEquals(42, reader.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aTimeoutBreaksTheBarrierForTheOthers() throws Exception
    {
        final Verbs barrier = barrier(3);
        final Future<Integer> patient = threads.submit(() -> barrier.await());
        awaitWaiting(barrier, 1);
        final long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> barrier.await(200, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190), "gave up early");
        assertInstanceOf(BrokenBarrierException.class, causeOf(patient));
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.getNumberWaiting());
        assertThrows(BrokenBarrierException.class, barrier::await, "a broken barrier stays broken");
    }

    @Test
    void anInterruptBreaksTheBarrierForTheOthers() throws Exception
    {
        final Verbs barrier = barrier(3);
        final Future<Integer> patient = threads.submit(() -> barrier.await());
        final AtomicReference<Thread> victim = new AtomicReference<>();
        final Future<Integer> interrupted = threads.submit(() ->
        {
            victim.set(Thread.currentThread());
            return barrier.await();
        });
        awaitWaiting(barrier, 2);
        victim.get().interrupt();
        assertInstanceOf(InterruptedException.class, causeOf(interrupted));
        assertInstanceOf(BrokenBarrierException.class, causeOf(patient));
        assertTrue(barrier.isBroken());
    }

    @Test
    void anInterruptedThreadBreaksTheBarrierOnEntry() throws Exception
    {
        final Verbs barrier = barrier(2);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, barrier::await);
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt status is consumed");
        assertTrue(barrier.isBroken());
    }

    @Test
    void resetBreaksTheWaitersAndStartsACleanGeneration() throws Exception
    {
        final Verbs barrier = barrier(2);
        final Future<Integer> waiter = threads.submit(() -> barrier.await());
        awaitWaiting(barrier, 1);
        barrier.reset();
        assertInstanceOf(BrokenBarrierException.class, causeOf(waiter));
        assertFalse(barrier.isBroken(), "reset clears the broken state");
        final Future<Integer> next = threads.submit(() -> barrier.await());
        final int index = barrier.await(10, TimeUnit.SECONDS);
        assertEquals(1, index + next.get(10, TimeUnit.SECONDS), "indices 0 and 1");
    }

    @Test
    void resetRepairsABrokenBarrier() throws Exception
    {
        final Verbs barrier = barrier(2);
        assertThrows(TimeoutException.class, () -> barrier.await(10, TimeUnit.MILLISECONDS));
        assertTrue(barrier.isBroken());
        barrier.reset();
        assertFalse(barrier.isBroken());
        final Future<Integer> other = threads.submit(() -> barrier.await());
        barrier.await(10, TimeUnit.SECONDS);
        other.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aZeroTimeoutThatIsNotTheLastArrivalTimesOut() throws Exception
    {
        final Verbs barrier = barrier(2);
        assertThrows(TimeoutException.class, () -> barrier.await(0, TimeUnit.SECONDS));
        assertTrue(barrier.isBroken());
    }

    @Test
    void moreThreadsThanPartiesTripInGroupsOfParties() throws Exception
    {
        final int parties = 3;
        final int threadCount = 6;
        final int rounds = 100;
        final Verbs barrier = barrier(parties);
        // Each round: every thread arrives once (two generations), then all meet on a JDK barrier.
        final CyclicBarrier round = new CyclicBarrier(threadCount);
        final List<Future<Integer>> all = new ArrayList<>();
        for (int t = 0; t < threadCount; t++)
        {
            all.add(threads.submit(() ->
            {
                int zeros = 0;
                for (int i = 0; i < rounds; i++)
                {
                    if (barrier.await(30, TimeUnit.SECONDS) == 0)
                    {
                        zeros++;
                    }
                    round.await(30, TimeUnit.SECONDS);
                }
                return zeros;
            }));
        }
        int trips = 0;
        for (final Future<Integer> f : all)
        {
            trips += f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(threadCount * rounds / parties, trips, "one index 0 per generation");
    }

    private static void awaitWaiting(final Verbs barrier, final int waiting) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (barrier.getNumberWaiting() < waiting)
        {
            assertTrue(System.nanoTime() < deadline, "parties did not arrive: " + barrier.getNumberWaiting());
            Thread.sleep(1);
        }
        // The count rises before the waiter sleeps; let it reach its sleep.
        Thread.sleep(20);
    }

    private static Throwable causeOf(final Future<?> future) throws InterruptedException, TimeoutException
    {
        try
        {
            future.get(10, TimeUnit.SECONDS);
            throw new AssertionError("completed normally");
        }
        catch (final ExecutionException ex)
        {
            return ex.getCause();
        }
    }
}

package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Python's {@code threading.Event} contract ({@code set}, {@code clear}, {@code is_set}, {@code wait}), in one JVM
 * with several threads: one base, a subclass per {@link SharedSpace} backend, and one for {@link ReferenceEvent},
 * a direct port of CPython's {@code Event} onto a JDK lock and condition (the JDK has no event).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class EventConformanceTest
{
    /** The verbs both events share. */
    interface Verbs
    {
        void set();

        void clear();

        boolean isSet();

        void await() throws InterruptedException;

        boolean await(long timeout, TimeUnit unit) throws InterruptedException;
    }

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private int created;

    /**
     * @param name a name unique in the test.
     * @return a new event, clear.
     */
    abstract Verbs newEvent(String name);

    /**
     * @param event a space's event.
     * @return its verbs.
     */
    static Verbs of(final SharedEvent event)
    {
        return new Verbs()
        {
            public void set() { event.set(); }
            public void clear() { event.clear(); }
            public boolean isSet() { return event.isSet(); }
            public void await() throws InterruptedException { event.await(); }
            public boolean await(final long t, final TimeUnit u) throws InterruptedException
            {
                return event.await(t, u);
            }
        };
    }

    @AfterEach
    void stopThreads()
    {
        threads.shutdownNow();
    }

    private Verbs event()
    {
        return newEvent("event-" + created++);
    }

    @Test
    void aNewEventIsClearAndSetAndClearFlipIt()
    {
        final Verbs event = event();
        assertFalse(event.isSet());
        event.set();
        assertTrue(event.isSet());
        event.set();
        assertTrue(event.isSet());
        event.clear();
        assertFalse(event.isSet());
        event.clear();
        assertFalse(event.isSet());
    }

    @Test
    void aSetEventDoesNotBlock() throws Exception
    {
        final Verbs event = event();
        event.set();
        event.await();
        assertTrue(event.await(0, TimeUnit.SECONDS));
    }

    @Test
    void setWakesEveryWaiterWithTheWritesBeforeIt() throws Exception
    {
        final Verbs event = event();
        final int[] box = new int[1];
        final List<Future<Integer>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            waiters.add(threads.submit(() ->
            {
                assertTrue(event.await(30, TimeUnit.SECONDS));
                return box[0];
            }));
        }
        Thread.sleep(50);
        box[0] = 7;
        event.set();
        for (final Future<Integer> waiter : waiters)
        {
            assertEquals(7, waiter.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aTimedAwaitOnAClearEventReturnsFalseAfterTheTimeout() throws Exception
    {
        final Verbs event = event();
        final long start = System.nanoTime();
        assertFalse(event.await(200, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(190), "gave up early");
    }

    @Test
    void aWaiterPresentAtASetReturnsTrueEvenIfClearFollowsAtOnce() throws Exception
    {
        final Verbs event = event();
        final Future<Boolean> waiter = threads.submit(() -> event.await(30, TimeUnit.SECONDS));
        Thread.sleep(100);
        event.set();
        event.clear();
        assertTrue(waiter.get(10, TimeUnit.SECONDS));
        assertFalse(event.isSet());
    }

    @Test
    void afterClearAwaitBlocksAgain() throws Exception
    {
        final Verbs event = event();
        event.set();
        event.clear();
        assertFalse(event.await(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void anInterruptStopsTheWait() throws Exception
    {
        final Verbs event = event();
        Interrupts.assertInterruptStops(threads, event::await);
    }
}

package dev.shmem.internal.wait;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a wait's long-wait warning is due: checks land every {@link Waiting#LIVENESS_INTERVAL_NANOS} at best, and
 * later on a loaded machine, so the warning must not depend on a check landing inside a window.
 */
class LongWaitTest
{
    private static final long LONG = Waiting.LONG_WAIT_NANOS;
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void aCheckThatLandsWellAfterTenSecondsStillWarnsOnce()
    {
        final LongWait wait = new LongWait(LongWait.newHandleClock());
        assertFalse(wait.due(wait.start() + LONG - 50 * MS), "before 10 s");
        // A late check (a descheduled waiter): 10.25 s, past the old [10 s, 10.1 s) window.
        assertTrue(wait.due(wait.start() + LONG + 250 * MS), "the first check after 10 s warns");
        assertFalse(wait.due(wait.start() + LONG + 350 * MS), "once per wait");
        assertFalse(wait.due(wait.start() + 3 * LONG), "once per wait, however long it lasts");
    }

    @Test
    void waitsOfOneHandleWarnAtMostOncePerTenSeconds()
    {
        final AtomicLong handle = LongWait.newHandleClock();
        final LongWait first = new LongWait(handle);
        final LongWait second = new LongWait(handle);
        final long start = Math.max(first.start(), second.start());
        assertTrue(first.due(start + LONG));
        assertFalse(second.due(start + LONG + 100 * MS), "another wait of the handle warned 0.1 s ago");
        assertTrue(second.due(start + 2 * LONG + 100 * MS), "10 s after the handle's last warning");
    }

    @Test
    void aWaitOfAnotherHandleIsNotHeldBack()
    {
        final LongWait one = new LongWait(LongWait.newHandleClock());
        final LongWait other = new LongWait(LongWait.newHandleClock());
        final long start = Math.max(one.start(), other.start());
        assertTrue(one.due(start + LONG));
        assertTrue(other.due(start + LONG));
    }
}

package dev.shmem;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedSemaphoreTest extends SemaphoreConformanceTest
{
    @Override
    Verbs newSemaphore(final SharedRegion region, final int permits)
    {
        final SharedSemaphore s = region.semaphore("s", permits);
        return new Verbs()
        {
            public void acquire(final int p) throws InterruptedException { s.acquire(p); }
            public boolean tryAcquire(final int p) { return s.tryAcquire(p); }
            public boolean tryAcquire(final int p, final long t, final TimeUnit u) throws InterruptedException
            {
                return s.tryAcquire(p, t, u);
            }
            public void release(final int p) { s.release(p); }
            public int availablePermits() { return s.availablePermits(); }
            public int drainPermits() { return s.drainPermits(); }
        };
    }

    @Test
    void boundedSemaphoreRefusesAReleasePastItsInitialPermits() throws Exception
    {
        final SharedSemaphore s = region.boundedSemaphore("b", 2);
        assertTrue(s.isBounded());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, s::release);
        assertTrue(ex.getMessage().contains("released too many times") && ex.getMessage().contains("2 initial"),
            ex.getMessage());
        assertEquals(2, s.availablePermits());
        s.acquire();
        s.release();
        assertThrows(IllegalStateException.class, () -> s.release(1));
        assertEquals(2, s.availablePermits());
        assertEquals(0, Internals.heldByThisProcess(s));
        final IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> s.acquire(3));
        assertTrue(tooMany.getMessage().contains("wait forever"), tooMany.getMessage());
    }

    @Test
    void onlyAnUnboundedSemaphoreMayStartBelowZero()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> region.boundedSemaphore("nb", -1));
        assertTrue(ex.getMessage().contains("-1") && ex.getMessage().contains("bounded"), ex.getMessage());
        assertEquals(-1, region.semaphore("nu", -1).availablePermits());
    }

    @Test
    void unboundedSemaphoreMayGrowPastItsInitialPermits()
    {
        final SharedSemaphore s = region.semaphore("u", 1);
        assertFalse(s.isBounded());
        s.release(5);
        assertEquals(6, s.availablePermits());
        assertEquals(1, s.initialPermits());
    }

    @Test
    void ledgerCountsWhatThisProcessHolds() throws Exception
    {
        final SharedSemaphore s = region.semaphore("l", 5);
        s.acquire(3);
        assertEquals(3, Internals.heldByThisProcess(s));
        s.release(1);
        assertEquals(2, Internals.heldByThisProcess(s));
        s.release(4);
        assertEquals(0, Internals.heldByThisProcess(s), "never below zero");
        assertEquals(7, s.availablePermits());
    }

    @Test
    void acquiringThroughAClosedRegionFailsClearly()
    {
        final SharedSemaphore s = region.semaphore("c", 1);
        region.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, s::tryAcquire);
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
    }
}

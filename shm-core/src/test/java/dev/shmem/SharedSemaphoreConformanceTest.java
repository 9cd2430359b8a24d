package dev.shmem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link SharedSemaphore} adds to the JDK's verbs, on every backend: the bounded kind, initial permits, a
 * closed space.
 */
public abstract class SharedSemaphoreConformanceTest extends SemaphoreConformanceTest
{
    @Test
    void boundedSemaphoreRefusesAReleasePastItsInitialPermits() throws Exception
    {
        final SharedSemaphore s = space.boundedSemaphore("b", 2);
        assertTrue(s.isBounded());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, s::release);
        assertTrue(ex.getMessage().contains("released too many times") && ex.getMessage().contains("2 initial"),
            ex.getMessage());
        assertEquals(2, s.availablePermits());
        s.acquire();
        s.release();
        assertThrows(IllegalStateException.class, () -> s.release(1));
        assertEquals(2, s.availablePermits());
        final IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> s.acquire(3));
        assertTrue(tooMany.getMessage().contains("wait forever"), tooMany.getMessage());
    }

    @Test
    void unboundedSemaphoreMayGrowPastItsInitialPermits()
    {
        final SharedSemaphore s = space.semaphore("u", 1);
        assertFalse(s.isBounded());
        s.release(5);
        assertEquals(6, s.availablePermits());
        assertEquals(1, s.initialPermits());
        assertEquals("u", s.name());
    }

    @Test
    void permitsAreUsedOnlyWhenTheSemaphoreIsCreated()
    {
        assertEquals(3, space.semaphore("p", 3).availablePermits());
        assertEquals(3, space.semaphore("p", 7).availablePermits());
        assertThrows(IllegalStateException.class, () -> space.boundedSemaphore("p", 3));
    }

    @Test
    void acquiringThroughAClosedSpaceFailsClearly()
    {
        final SharedSemaphore s = space.semaphore("c", 1);
        space.close();
        final IllegalStateException ex = assertThrows(IllegalStateException.class, s::tryAcquire);
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
    }
}

package dev.shmem.stress;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryPoolTest
{
    private final EntryPool<SharedLong> pool =
        new EntryPool<>("pool-test", SharedRegion::longValue, value -> value.set(0));

    @Test
    void leasesAreDistinctMemoryAndGrowAcrossRegions()
    {
        final int leases = 2 * PoolRegions.SMALL.entriesPerRegion() + 5;
        final int filesBefore = StressRegions.liveFiles();
        final List<Lease<SharedLong>> held = new ArrayList<>();
        for (int i = 0; i < leases; i++)
        {
            final Lease<SharedLong> lease = pool.acquire();
            lease.handle().set(i + 1);
            held.add(lease);
        }
        for (int i = 0; i < leases; i++)
        {
            assertEquals(i + 1, held.get(i).handle().get(), "lease " + i + " was overwritten by another lease");
        }
        assertEquals(leases, pool.size());
        assertTrue(StressRegions.liveFiles() >= filesBefore + 2, "entries should spill into new region files");
        held.forEach(Lease::release);
    }

    @Test
    void reusesReleasedEntriesResetToZero()
    {
        final Set<SharedLong> handles = new HashSet<>();
        for (int i = 0; i < 100; i++)
        {
            final Lease<SharedLong> lease = pool.acquire();
            assertEquals(0, lease.handle().get(), "a leased entry must start at zero");
            lease.handle().set(-1);
            handles.add(lease.handle());
            lease.release();
        }
        assertEquals(1, pool.size(), "one lease at a time needs one entry");
        assertEquals(1, handles.size());
    }

    @Test
    void aPoolWithACoolDownMakesNewEntriesRatherThanHandOutWarmOnes() throws InterruptedException
    {
        final EntryPool<SharedLong> cooled = new EntryPool<>("cool-test", SharedRegion::longValue,
            value -> value.set(0), PoolRegions.SMALL, Duration.ofMillis(50));
        final Lease<SharedLong> first = cooled.acquire();
        assertFalse(first.isCool(), "a new entry has not rested");
        first.release();
        final Lease<SharedLong> second = cooled.acquire();
        assertNotSame(first, second, "the warm entry must not be handed out again at once");
        assertEquals(2, cooled.size());
        second.release();
        Thread.sleep(60);
        final Lease<SharedLong> third = cooled.acquire();
        assertTrue(third.isCool());
        assertSame(first, third, "the entry that rested longest comes first");
        third.release();
        assertEquals(2, cooled.size());
        assertEquals(0, cooled.outstanding());
    }

    @Test
    void anEntryThatCannotBeResetIsRejected()
    {
        final EntryPool<SharedLock> pool = new EntryPool<>("lock-test", SharedRegion::lock, lock ->
        {
            if (lock.isLocked())
            {
                throw new IllegalStateException("leaked");
            }
        });
        final Lease<SharedLock> lease = pool.acquire();
        lease.handle().lock();
        lease.release();
        try
        {
            assertThrows(IllegalStateException.class, pool::acquire);
            assertEquals(1, pool.rejected());
            assertEquals(0, pool.outstanding());
            final Lease<SharedLock> next = pool.acquire();
            assertNotSame(lease.handle(), next.handle(), "the rejected lock is never handed out again");
            next.release();
        }
        finally
        {
            lease.handle().unlock();
        }
    }

    @Test
    void semaphorePoolsRefuseMissingPermits()
    {
        final EntryPool<SharedSemaphore> pool = new EntryPool<>("semaphore-test",
            (region, name) -> region.semaphore(name, 1),
            semaphore ->
            {
                if (semaphore.availablePermits() != 1)
                {
                    throw new IllegalStateException("permits not back");
                }
            }, new PoolRegions(1 << 20, 192), Duration.ZERO);
        final Lease<SharedSemaphore> lease = pool.acquire();
        assertTrue(lease.handle().tryAcquire());
        lease.release();
        assertThrows(IllegalStateException.class, pool::acquire);
    }

    @Test
    void refusesDoubleRelease()
    {
        final Lease<SharedLong> lease = pool.acquire();
        lease.release();

        assertThrows(IllegalStateException.class, lease::release);
        // The entry went back once only: one acquire gets it again, the next one needs a new entry.
        final Lease<SharedLong> first = pool.acquire();
        final Lease<SharedLong> second = pool.acquire();
        assertSame(lease, first);
        assertNotSame(first.handle(), second.handle());
        first.release();
        second.release();
    }
}

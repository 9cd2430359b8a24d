package dev.shmem.stress;

import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        final int leases = 2 * EntryPool.ENTRIES_PER_REGION + 5;
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

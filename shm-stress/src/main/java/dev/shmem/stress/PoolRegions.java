package dev.shmem.stress;

import dev.shmem.RegionFullException;
import dev.shmem.SharedRegion;

import java.util.function.BiFunction;

/**
 * The region files that {@link EntryPool}s put their entries in: regions of one capacity, filled up to a number of
 * entries (or until the region is full), then a new one. Pool regions live as long as the JVM: their entries are
 * reused, never given up.
 *
 * <p>Thread-safe.
 */
public final class PoolRegions
{
    /** The regions of the small entries (values, arrays, locks, queues): 64 KiB, 48 of 64 directory records. */
    public static final PoolRegions SMALL = new PoolRegions(StressRegions.CAPACITY, 48);

    private final long capacity;
    private final int entriesPerRegion;
    private SharedRegion region;
    private int regionEntries;
    private long entrySequence;

    /**
     * @param capacity         bytes of each region file.
     * @param entriesPerRegion entries put in a region before a new one is made (fewer if it fills up first); keep
     *                         it to about 3/4 of the region's directory records so lookups by name stay short.
     */
    public PoolRegions(final long capacity, final int entriesPerRegion)
    {
        if (entriesPerRegion < 1)
        {
            throw new IllegalArgumentException("entries per region " + entriesPerRegion + ": expected 1 or more");
        }
        this.capacity = capacity;
        this.entriesPerRegion = entriesPerRegion;
    }

    /**
     * @return the number of entries a region takes at most.
     */
    public int entriesPerRegion()
    {
        return entriesPerRegion;
    }

    /**
     * Makes a new entry, in the current region or, if that one has its share or is full, in a new one.
     *
     * @param kind    prefix of the entry name.
     * @param factory makes the entry of a given name in a given region, through the public API.
     * @param <T>     the handle type.
     * @return the handle of the new entry.
     * @throws RegionFullException if the entry does not fit even in an empty region.
     */
    synchronized <T> T newEntry(final String kind, final BiFunction<SharedRegion, String, T> factory)
    {
        for (int attempt = 0; ; attempt++)
        {
            if (region == null || regionEntries >= entriesPerRegion)
            {
                region = StressRegions.create(capacity);
                regionEntries = 0;
            }
            final String name = kind + "-" + (++entrySequence);
            try
            {
                final T handle = factory.apply(region, name);
                regionEntries++;
                return handle;
            }
            catch (final RegionFullException full)
            {
                if (attempt > 0)
                {
                    throw full;
                }
                region = null;
            }
        }
    }
}

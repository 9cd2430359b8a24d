package dev.shmem.stress.maps;

import dev.shmem.SharedMap;
import dev.shmem.stress.EntryPool;
import dev.shmem.stress.PoolRegions;

import java.time.Duration;

/**
 * The shared maps the map tests lease, emptied by {@code clear()} on lease: one segment of 8 buckets, so every key
 * of a test shares a segment lock and a version.
 */
final class MapPools
{
    /** Maps of 8 entries up to {@link #ENTRY_BYTES} bytes: about 1 KiB each, 192 in a 1 MiB region. */
    private static final PoolRegions REGIONS = new PoolRegions(1 << 20, 192);
    /** Largest key plus value of the pooled maps. */
    static final int ENTRY_BYTES = 80;

    /** {@code SharedMap<Long, Long>}, empty. */
    static final EntryPool<SharedMap<Long, Long>> LONGS = new EntryPool<>("map-long-long",
        (region, name) -> region.map(name, Long.class, Long.class, 8, ENTRY_BYTES), SharedMap::clear, REGIONS,
        Duration.ZERO);
    /** {@code SharedMap<Long, byte[]>}, empty. */
    static final EntryPool<SharedMap<Long, byte[]>> BYTES = new EntryPool<>("map-long-bytes",
        (region, name) -> region.map(name, Long.class, byte[].class, 8, ENTRY_BYTES), SharedMap::clear, REGIONS,
        Duration.ZERO);

    private MapPools()
    {
    }
}

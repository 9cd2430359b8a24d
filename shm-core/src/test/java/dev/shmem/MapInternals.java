package dev.shmem;

import dev.shmem.internal.map.MappedMap;

/**
 * The mapped map's full consistency check, for the tests of the mapped backend.
 */
final class MapInternals
{
    private MapInternals()
    {
    }

    /**
     * @param map a map of a {@link SharedRegion}.
     * @return every inconsistency found under all segment locks, empty if none.
     */
    static String problems(final SharedMap<?, ?> map)
    {
        return ((MappedMap<?, ?>)map).checkConsistency();
    }

    /**
     * @param map a map of a {@link SharedRegion}.
     * @return segment locks taken over from dead owners, over the region's life.
     */
    static long takeovers(final SharedMap<?, ?> map)
    {
        return ((MappedMap<?, ?>)map).takeovers();
    }
}

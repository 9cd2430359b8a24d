package dev.shmem;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The map conformance suite against {@link ConcurrentHashMap}: the oracle.
 */
class ConcurrentHashMapConformanceTest extends MapConformanceTest
{
    @Override
    <K, V> ConcurrentMap<K, V> newMap(final String name, final Class<K> keyType, final Class<V> valueType,
        final int maxEntries, final int maxEntryBytes)
    {
        return new ConcurrentHashMap<>();
    }
}

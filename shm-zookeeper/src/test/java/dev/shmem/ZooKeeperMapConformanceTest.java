package dev.shmem;

import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.ConcurrentMap;

/**
 * shm-core's map conformance suite on {@code ZooKeeperSpace}, on an in-process ZooKeeper server.
 */
class ZooKeeperMapConformanceTest extends MapConformanceTest
{
    @RegisterExtension
    final SpaceExtension space = ZooKeeperSpaces.extension();

    @Override
    <K, V> ConcurrentMap<K, V> newMap(final String name, final Class<K> keyType, final Class<V> valueType,
        final int maxEntries, final int maxEntryBytes)
    {
        return space.get().map(name, keyType, valueType, maxEntries, maxEntryBytes);
    }

    /**
     * Not run on ZooKeeper (no {@code @Test} on the override): its 4 threads x thousands of contended merges take
     * minutes at ZooKeeper's few hundred writes per second. {@code ZooKeeperPrimitivesTest} merges from four
     * threads at a scale ZooKeeper runs in seconds.
     */
    @Override
    void mergeCountersFromFourThreadsAreExact()
    {
    }
}

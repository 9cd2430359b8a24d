package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentMap;

/**
 * The map conformance suite against {@link SharedRegion#map}.
 */
class SharedMapConformanceTest extends MapConformanceTest
{
    private Path dir;
    private SharedRegion region;

    @BeforeEach
    void openRegion() throws IOException
    {
        dir = TempRegionDir.createRoot();
        region = SharedRegion.create(dir.resolve("map.shm"), 8 << 20);
    }

    @AfterEach
    void closeRegion()
    {
        region.close();
        TempRegionDir.deleteRecursively(dir);
    }

    @Override
    <K, V> ConcurrentMap<K, V> newMap(final String name, final Class<K> keyType, final Class<V> valueType,
        final int maxEntries, final int maxEntryBytes)
    {
        return region.map(name, keyType, valueType, maxEntries, maxEntryBytes);
    }
}

package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the mapped {@link SharedMap} adds to the {@code ConcurrentMap} contract: get-or-create by name, sizes and
 * types recorded in the entry, the too-large and full failures leaving the map unchanged, codecs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SharedMapTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    private SharedRegion region() throws Exception
    {
        return SharedRegion.create(dir.resolve("map.shm"), 4 << 20);
    }

    @Test
    void aSecondHandleAndASecondRegionSeeTheSameMap() throws Exception
    {
        final Path path = dir.resolve("two.shm");
        try (SharedRegion first = SharedRegion.create(path, 1 << 20); SharedRegion second = SharedRegion.open(path))
        {
            final SharedMap<String, Integer> a = first.map("d", String.class, Integer.class, 100, 64);
            a.put("x", 1);
            final SharedMap<String, Integer> b = second.map("d", String.class, Integer.class, 100, 64);
            assertEquals(1, b.get("x"));
            b.merge("x", 5, Integer::sum);
            assertEquals(6, a.get("x"));
            assertEquals("d", b.name());
            assertEquals(100, b.maxEntries());
            assertEquals(64, b.maxEntryBytes());
            assertEquals(Map.of("x", 6), Map.copyOf(b));
            assertEquals("{x=6}", b.toString());
        }
        try (SharedRegion again = SharedRegion.open(path))
        {
            assertEquals(6, again.map("d", String.class, Integer.class, 100, 64).get("x"));
        }
    }

    @Test
    void theInspectorShowsEntriesUsedAndCapacity() throws Exception
    {
        final Path path = dir.resolve("inspected.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            final SharedMap<String, Integer> m = region.map("d", String.class, Integer.class, 500, 40);
            for (int i = 0; i < 123; i++)
            {
                m.put("k" + i, i);
            }
            try (dev.shmem.inspect.RegionInspector inspector = dev.shmem.inspect.RegionInspector.open(path))
            {
                final dev.shmem.inspect.RegionSnapshot.Entry entry = inspector.entries("d").get(0);
                assertEquals("map of 500 entries", entry.type());
                assertEquals("123 of 500 entries used, up to 40 bytes each", entry.summary());
            }
        }
    }

    @Test
    void askingAgainWithOtherTypesOrSizesNamesBoth() throws Exception
    {
        try (SharedRegion region = region())
        {
            region.map("d", String.class, Long.class, 100, 64);
            final IllegalStateException types = assertThrows(IllegalStateException.class,
                () -> region.map("d", Long.class, Long.class, 100, 64));
            assertTrue(types.getMessage().contains("java.lang.String") && types.getMessage().contains("java.lang.Long"),
                types.getMessage());
            final IllegalStateException values = assertThrows(IllegalStateException.class,
                () -> region.map("d", String.class, byte[].class, 100, 64));
            assertTrue(values.getMessage().contains("values java.lang.Long") && values.getMessage().contains("[B"),
                values.getMessage());
            final IllegalStateException entries = assertThrows(IllegalStateException.class,
                () -> region.map("d", String.class, Long.class, 200, 64));
            assertTrue(entries.getMessage().contains("100") && entries.getMessage().contains("200"),
                entries.getMessage());
            final IllegalStateException bytes = assertThrows(IllegalStateException.class,
                () -> region.map("d", String.class, Long.class, 100, 65));
            assertTrue(bytes.getMessage().contains("64") && bytes.getMessage().contains("65"), bytes.getMessage());
            assertThrows(IllegalStateException.class, () -> region.longValue("d"));
            region.longValue("v");
            assertThrows(IllegalStateException.class, () -> region.map("v", String.class, Long.class, 100, 64));
        }
    }

    @Test
    void badSizesAndTypesAreRefused() throws Exception
    {
        try (SharedRegion region = region())
        {
            assertThrows(IllegalArgumentException.class, () -> region.map("a", String.class, Long.class, 0, 64));
            assertThrows(IllegalArgumentException.class, () -> region.map("a", String.class, Long.class, 10, 0));
            assertThrows(IllegalArgumentException.class,
                () -> region.map("a", String.class, Long.class, 10, (1 << 20) + 1));
            final IllegalArgumentException notSerializable = assertThrows(IllegalArgumentException.class,
                () -> region.map("a", Thread.class, Long.class, 10, 64));
            assertTrue(notSerializable.getMessage().contains("java.lang.Thread"), notSerializable.getMessage());
            assertThrows(RegionFullException.class, () -> region.map("huge", String.class, Long.class, 1 << 20, 64));
        }
    }

    @Test
    void anEntryTooLargeNamesBothSizesAndChangesNothing() throws Exception
    {
        try (SharedRegion region = region())
        {
            final SharedMap<String, String> m = region.map("d", String.class, String.class, 10, 16);
            m.put("k", "small");
            final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> m.put("k", "0123456789abcdef"));
            assertTrue(ex.getMessage().contains("17 bytes") && ex.getMessage().contains("16"), ex.getMessage());
            assertThrows(IllegalArgumentException.class, () -> m.merge("k", "0123456789abcdef", String::concat));
            assertThrows(IllegalArgumentException.class, () -> m.put("0123456789abcdefg", "x"));
            assertEquals("small", m.get("k"));
            assertEquals(1, m.size());
            assertNull(m.get("0123456789abcdefg"));
            assertNull(m.remove("0123456789abcdefg"));
            assertEquals("", MapInternals.problems(m));
        }
    }

    @Test
    void aFullMapNamesItsCapacityAndStillUpdatesExistingKeys() throws Exception
    {
        try (SharedRegion region = region())
        {
            final SharedMap<Integer, Integer> m = region.map("d", Integer.class, Integer.class, 100, 8);
            for (int i = 0; i < 100; i++)
            {
                m.put(i, i);
            }
            final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> m.put(100, 100));
            assertTrue(ex.getMessage().contains("100 entries"), ex.getMessage());
            assertThrows(IllegalStateException.class, () -> m.putIfAbsent(101, 1));
            assertThrows(IllegalStateException.class, () -> m.merge(102, 1, Integer::sum));
            assertEquals(100, m.size());
            assertFalse(m.containsKey(100));
            for (int i = 0; i < 100; i++)
            {
                assertEquals(i, m.put(i, -i));
                assertEquals(-i, m.merge(i, 0, Integer::sum));
            }
            assertEquals("", MapInternals.problems(m));
            m.remove(7);
            assertNull(m.put(100, 100));
            assertEquals(100, m.size());
            m.clear();
            for (int i = 0; i < 100; i++)
            {
                m.put(i + 1000, i);
            }
            assertEquals(100, m.size());
            assertEquals("", MapInternals.problems(m));
        }
    }

    @Test
    void aComputeFunctionThatUsesItsOwnSegmentIsRefused() throws Exception
    {
        try (SharedRegion region = region())
        {
            final SharedMap<String, Long> m = region.map("d", String.class, Long.class, 16, 64);
            m.put("a", 1L);
            // A read inside the function works (lock-free); a write to the same segment would deadlock.
            assertEquals(2L, m.compute("a", (k, v) -> m.get("a") + 1));
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> m.compute("a", (k, v) -> m.put("a", 5L)));
            assertTrue(ex.getMessage().contains("recursive"), ex.getMessage());
            assertEquals(2L, m.get("a"));
            assertEquals("", MapInternals.problems(m));
        }
    }

    @Test
    void aCallersCodecIsUsedAndRecordedByName() throws Exception
    {
        final MapCodec<StringBuilder> codec = new MapCodec<>()
        {
            @Override
            public String typeName()
            {
                return "test.StringBuilderUtf8";
            }

            @Override
            public byte[] encode(final StringBuilder value)
            {
                return value.toString().getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public StringBuilder decode(final byte[] bytes)
            {
                return new StringBuilder(new String(bytes, StandardCharsets.UTF_8));
            }
        };
        try (SharedRegion region = region())
        {
            final SharedMap<StringBuilder, StringBuilder> m = region.map("d", codec, codec, 16, 64);
            m.put(new StringBuilder("k"), new StringBuilder("v"));
            assertEquals("v", m.get(new StringBuilder("k")).toString());
            final IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> region.map("d", String.class, String.class, 16, 64));
            assertTrue(ex.getMessage().contains("test.StringBuilderUtf8"), ex.getMessage());
        }
    }
}

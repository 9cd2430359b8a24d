package dev.shmem;

import dev.shmem.internal.region.RegionLayout;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Named entries: get-or-create, type and length clashes, name rules, a full region, indexes out of range.
 */
class EntryTest
{
    private Path dir;
    private SharedRegion region;

    @BeforeEach
    void open() throws IOException
    {
        dir = TempRegionDir.createRoot();
        region = SharedRegion.create(dir.resolve("entries.shm"), 1 << 20);
    }

    @AfterEach
    void close()
    {
        region.close();
        TempRegionDir.deleteRecursively(dir);
    }

    @Test
    void sameNameGivesTheSameMemory()
    {
        region.longValue("hits").set(41);
        assertEquals(42, region.longValue("hits").incrementAndGet());
        region.intArray("xs", 4).set(3, 9);
        assertEquals(9, region.intArray("xs", 4).get(3));
    }

    @Test
    void sameNameWithAnotherTypeNamesBoth()
    {
        region.longValue("hits");
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> region.intValue("hits"));
        assertEquals("entry 'hits' exists as long value, requested as int value", ex.getMessage());
        final IllegalStateException sem =
            assertThrows(IllegalStateException.class, () -> region.semaphore("hits", 3));
        assertTrue(sem.getMessage().contains("long value") && sem.getMessage().contains("semaphore of 3 permits"),
            sem.getMessage());
        region.boundedSemaphore("slots", 2);
        assertThrows(IllegalStateException.class, () -> region.semaphore("slots", 2));
    }

    @Test
    void sameArrayNameWithAnotherLengthNamesBothLengths()
    {
        region.doubleArray("xs", 1024);
        final IllegalStateException ex =
            assertThrows(IllegalStateException.class, () -> region.doubleArray("xs", 512));
        assertEquals("entry 'xs' exists as double array of length 1024, requested as double array of length 512",
            ex.getMessage());
        final IllegalStateException type = assertThrows(IllegalStateException.class, () -> region.longArray("xs", 1024));
        assertTrue(type.getMessage().contains("double array") && type.getMessage().contains("long array"),
            type.getMessage());
    }

    @Test
    void semaphorePermitsAreUsedOnlyAtCreation()
    {
        assertEquals(4, region.semaphore("slots", 4).availablePermits());
        assertEquals(4, region.semaphore("slots", 9).availablePermits());
    }

    @Test
    void badNamesAreRefusedWithTheNameAndTheRule()
    {
        final List<String> bad = List.of("", "x".repeat(128), "é".repeat(64), "tab\there", "line\nbreak",
            "nul\0", "bell\u0007", "\u200Binvisible");
        for (final String name : bad)
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> region.longValue(name), name);
            assertTrue(ex.getMessage().contains("expected"), ex.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> region.longValue(null));
        final IllegalArgumentException tooLong =
            assertThrows(IllegalArgumentException.class, () -> region.lock("x".repeat(128)));
        assertTrue(tooLong.getMessage().contains("128 UTF-8 bytes"), tooLong.getMessage());
    }

    @Test
    void printableNamesUpTo127BytesAreFine()
    {
        for (final String name : List.of("a", "x".repeat(127), "é".repeat(63), "hits.lock", "with space",
            "日本語", "emoji 😀"))
        {
            region.longValue(name).set(name.length());
            assertEquals(name.length(), region.longValue(name).get());
        }
    }

    @Test
    void negativeLengthsAndBoundedPermitsAreRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> region.intArray("a", -1));
        assertTrue(ex.getMessage().contains("-1"), ex.getMessage());
        assertEquals(-2, region.semaphore("s", -2).availablePermits(), "negative permits allowed, as in j.u.c");
        assertThrows(IllegalArgumentException.class, () -> region.boundedSemaphore("b", -2));
    }

    @Test
    void indexOutOfRangeNamesIndexAndLengthAndTouchesNothing()
    {
        final SharedLongArray longs = region.longArray("longs", 3);
        final SharedLong after = region.longValue("after");
        after.set(77);
        for (final int index : new int[]{ -1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE })
        {
            final IndexOutOfBoundsException ex =
                assertThrows(IndexOutOfBoundsException.class, () -> longs.set(index, -1));
            assertEquals("index " + index + " out of bounds for length 3 of array 'longs'", ex.getMessage());
        }
        final SharedIntArray ints = region.intArray("ints", 5);
        assertThrows(IndexOutOfBoundsException.class, () -> ints.incrementAndGet(5));
        final SharedDoubleArray doubles = region.doubleArray("doubles", 2);
        assertThrows(IndexOutOfBoundsException.class, () -> doubles.getAndAdd(-1, 1.0));
        assertEquals(77, after.get());
        longs.set(2, -1);
        assertEquals(77, after.get());
    }

    @Test
    void fullDataAreaFailsClearlyAndKeepsEverything() throws IOException
    {
        final Path path = dir.resolve("small.shm");
        final List<Integer> created = new ArrayList<>();
        final RegionFullException ex;
        try (SharedRegion small = SharedRegion.create(path, RegionLayout.MIN_CAPACITY))
        {
            ex = assertThrows(RegionFullException.class, () ->
            {
                for (int i = 0; ; i++)
                {
                    small.longArray("a" + i, 512).set(511, i);
                    created.add(i);
                }
            });
            assertTrue(ex.getMessage().contains("region full") && ex.getMessage().contains("4096 bytes"),
                ex.getMessage());
            assertTrue(created.size() > 2, "created " + created.size());
            small.longValue("tiny").set(5);
        }
        try (SharedRegion reopened = SharedRegion.open(path))
        {
            for (final int i : created)
            {
                assertEquals(i, reopened.longArray("a" + i, 512).get(511));
            }
            assertEquals(5, reopened.longValue("tiny").get());
            assertThrows(RegionFullException.class, () -> reopened.longArray("a" + created.size(), 512));
        }
    }

    @Test
    void anEntryLargerThanTheWholeRegionFailsWithTheSizes()
    {
        final RegionFullException ex =
            assertThrows(RegionFullException.class, () -> region.longArray("huge", Integer.MAX_VALUE));
        assertTrue(ex.getMessage().contains(Long.toString(8L * Integer.MAX_VALUE)), ex.getMessage());
    }

    @Test
    void fullDirectoryFailsClearlyAndKeepsEverything() throws IOException
    {
        final Path path = dir.resolve("dir.shm");
        try (SharedRegion small = SharedRegion.create(path, RegionLayout.MIN_CAPACITY))
        {
            final int records = small.maxEntries();
            assertEquals(RegionLayout.MIN_DEFAULT_ENTRIES, records);
            for (int i = 0; i < records; i++)
            {
                small.intValue("v" + i).set(i);
            }
            final RegionFullException ex = assertThrows(RegionFullException.class, () -> small.intValue("one more"));
            assertTrue(ex.getMessage().contains("all " + records + " entries") &&
                ex.getMessage().contains("SharedRegion.Builder.maxEntries"), ex.getMessage());
            for (int i = 0; i < records; i++)
            {
                assertEquals(i, small.intValue("v" + i).get());
            }
        }
        try (SharedRegion reopened = SharedRegion.open(path))
        {
            assertEquals(3, reopened.intValue("v3").get());
        }
    }
}

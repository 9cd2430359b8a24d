package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedRegionTest
{
    private static final long CAPACITY = 1 << 20;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void createThenOpenSeesTheSameValues() throws IOException
    {
        final Path path = dir.resolve("a.shm");
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            assertEquals(path, region.path());
            assertEquals(CAPACITY, region.capacity());
            region.longValue("hits").set(42);
            region.doubleArray("xs", 3).set(2, 1.5);
        }
        try (SharedRegion region = SharedRegion.open(path))
        {
            assertEquals(CAPACITY, region.capacity());
            assertEquals(42, region.longValue("hits").get());
            assertArrayEquals(new double[]{ 0, 0, 1.5 }, region.doubleArray("xs", 3).toArray());
        }
    }

    @Test
    void openOrCreateCreatesThenOpensAndKeepsTheFirstCapacity() throws IOException
    {
        final Path path = dir.resolve("b.shm");
        try (SharedRegion first = SharedRegion.openOrCreate(path, CAPACITY);
            SharedRegion second = SharedRegion.openOrCreate(path, 4 * CAPACITY))
        {
            assertEquals(CAPACITY, second.capacity());
            first.intValue("n").set(7);
            assertEquals(7, second.intValue("n").get());
        }
    }

    @Test
    void newFilesHaveMode0600AndTheExactSize() throws IOException
    {
        final Path path = dir.resolve("mode.shm");
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            assertEquals(path, region.path());
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(path));
            assertEquals(CAPACITY, Files.size(path));
        }
    }

    @Test
    void builderSetsOtherPermissionsExactly() throws IOException
    {
        final Path path = dir.resolve("shared.shm");
        final Set<PosixFilePermission> groupRw = PosixFilePermissions.fromString("rw-rw----");
        try (SharedRegion region = SharedRegion.builder(path).capacity(CAPACITY).permissions(groupRw).create())
        {
            assertEquals(CAPACITY, region.capacity());
            assertEquals(groupRw, Files.getPosixFilePermissions(path));
        }
    }

    @Test
    void createRefusesAnExistingFile() throws IOException
    {
        final Path path = dir.resolve("exists.shm");
        Files.write(path, new byte[]{ 1, 2, 3 });
        final FileAlreadyExistsException ex =
            assertThrows(FileAlreadyExistsException.class, () -> SharedRegion.create(path, CAPACITY));
        assertTrue(ex.getMessage().contains(path.toString()), ex.getMessage());
        assertArrayEquals(new byte[]{ 1, 2, 3 }, Files.readAllBytes(path));
    }

    @Test
    void openRefusesAMissingFile()
    {
        final Path path = dir.resolve("missing.shm");
        final NoSuchFileException ex = assertThrows(NoSuchFileException.class, () -> SharedRegion.open(path));
        assertTrue(ex.getMessage().contains(path.toString()), ex.getMessage());
        assertFalse(Files.exists(path));
    }

    @Test
    void capacityOutOfRangeIsRefusedWithTheValue()
    {
        for (final long bad : new long[]{ -1, 0, 1024, RegionLayoutLimits.MIN - 1, RegionLayoutLimits.MAX + 1 })
        {
            final Path path = dir.resolve("cap" + bad + ".shm");
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> SharedRegion.create(path, bad));
            assertTrue(ex.getMessage().contains(Long.toString(bad)), ex.getMessage());
            assertFalse(Files.exists(path, LinkOption.NOFOLLOW_LINKS), "no file left for capacity " + bad);
        }
    }

    @Test
    void symlinkAtThePathIsRefusedAndItsTargetUntouched() throws IOException
    {
        final Path target = dir.resolve("target.txt");
        Files.write(target, new byte[]{ 9, 8, 7 });
        final Path link = Files.createSymbolicLink(dir.resolve("link.shm"), target);
        final Path dangling = Files.createSymbolicLink(dir.resolve("dangling.shm"), dir.resolve("nowhere.shm"));

        for (final Path path : new Path[]{ link, dangling })
        {
            final FileSystemException create =
                assertThrows(FileSystemException.class, () -> SharedRegion.create(path, CAPACITY));
            assertTrue(create.getMessage().contains("symbolic link"), create.getMessage());
            final FileSystemException openOrCreate =
                assertThrows(FileSystemException.class, () -> SharedRegion.openOrCreate(path, CAPACITY));
            assertTrue(openOrCreate.getMessage().contains("symbolic link"), openOrCreate.getMessage());
            final FileSystemException open = assertThrows(FileSystemException.class, () -> SharedRegion.open(path));
            assertTrue(open.getMessage().contains("symbolic link"), open.getMessage());
        }
        assertArrayEquals(new byte[]{ 9, 8, 7 }, Files.readAllBytes(target));
        assertFalse(Files.exists(dir.resolve("nowhere.shm")));
    }

    @Test
    void closedRegionRefusesFactoriesButHandlesStayUsable() throws IOException
    {
        final SharedRegion region = SharedRegion.create(dir.resolve("closed.shm"), CAPACITY);
        final SharedLong hits = region.longValue("hits");
        region.close();
        region.close();
        assertTrue(region.isClosed());
        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> region.longValue("hits"));
        assertTrue(ex.getMessage().contains("closed"), ex.getMessage());
        assertEquals(1, hits.incrementAndGet());
    }

    @Test
    void twoHandlesInOneJvmShareOneProcessSlotUntilTheLastCloses() throws IOException
    {
        final Path path = dir.resolve("slots.shm");
        final SharedRegion first = SharedRegion.create(path, CAPACITY);
        final SharedRegion second = SharedRegion.open(path);
        assertEquals(1, RegionInspection.attachedPids(path).size());
        first.close();
        assertEquals(1, RegionInspection.attachedPids(path).size());
        second.close();
        assertEquals(0, RegionInspection.attachedPids(path).size());
    }

    /** The capacity limits, read from the implementation so the test follows them. */
    static final class RegionLayoutLimits
    {
        static final long MIN = dev.shmem.internal.region.RegionLayout.MIN_CAPACITY;
        static final long MAX = dev.shmem.internal.region.RegionLayout.MAX_CAPACITY;
    }
}

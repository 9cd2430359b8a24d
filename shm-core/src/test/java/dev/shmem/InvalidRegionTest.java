package dev.shmem;

import dev.shmem.internal.region.DirectoryDescriptor;
import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.region.RegionLayout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files that are not valid regions: each open fails with an {@link InvalidRegionException} naming what is wrong,
 * leaves the file byte-for-byte as it was, and never crashes or hangs the JVM.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InvalidRegionTest
{
    private static final int CAPACITY = 1 << 20;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void emptyFileIsRefusedAtOnceWhenOld() throws IOException
    {
        final Path path = dir.resolve("empty.shm");
        Files.createFile(path);
        makeOld(path);
        assertRefused(path, "empty");
    }

    @Test
    void freshEmptyFileIsWaitedForOnlyUntilTheInitTimeout() throws IOException
    {
        final Path path = dir.resolve("fresh-empty.shm");
        Files.createFile(path);
        final long start = System.nanoTime();
        final InvalidRegionException ex = assertThrows(InvalidRegionException.class,
            () -> SharedRegion.builder(path).initTimeout(Duration.ofMillis(300)).open());
        final long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ex.getMessage().contains("empty"), ex.getMessage());
        assertTrue(waited < 5_000, "waited " + waited + " ms");
        assertArrayEquals(new byte[0], Files.readAllBytes(path));
    }

    @Test
    void openOrCreateOnAnEmptyFileIsRefusedToo() throws IOException
    {
        final Path path = dir.resolve("empty2.shm");
        Files.createFile(path);
        makeOld(path);
        final InvalidRegionException ex =
            assertThrows(InvalidRegionException.class, () -> SharedRegion.openOrCreate(path, CAPACITY));
        assertTrue(ex.getMessage().contains("empty"), ex.getMessage());
    }

    @Test
    void fileShorterThanTheHeaderIsRefused() throws IOException
    {
        final Path path = dir.resolve("short.shm");
        Files.write(path, new byte[]{ 'S', 'H', 'M', 1, 2, 3 });
        assertRefused(path, "6 bytes");
    }

    @Test
    void truncatedRegionIsRefusedBeforeAnyMappedAccess() throws IOException
    {
        final Path path = validRegion("trunc.shm");
        final byte[] half = new byte[CAPACITY / 2];
        System.arraycopy(Files.readAllBytes(path), 0, half, 0, half.length);
        Files.write(path, half);
        assertRefused(path, "truncated: header says capacity " + CAPACITY + " bytes, the file has " + half.length);
    }

    @Test
    void fileOfRandomBytesIsRefused() throws IOException
    {
        final Path path = dir.resolve("random.shm");
        final byte[] bytes = new byte[CAPACITY];
        new Random(42).nextBytes(bytes);
        Files.write(path, bytes);
        assertRefused(path, "not a shm region: magic");
    }

    @Test
    void textFileIsRefused() throws IOException
    {
        final Path path = dir.resolve("text.shm");
        Files.writeString(path, "hello, this is not a region at all; ".repeat(10));
        assertRefused(path, "not a shm region");
    }

    @Test
    void newerFormatVersionIsRefused() throws IOException
    {
        final Path path = validRegion("newer.shm");
        patch(path, b -> b.putInt(HeaderDescriptor.FORMAT_VERSION_OFFSET, HeaderDescriptor.FORMAT_VERSION + 1));
        assertRefused(path, "format version " + (HeaderDescriptor.FORMAT_VERSION + 1) + " is newer");
    }

    @Test
    void otherByteOrderIsRefused() throws IOException
    {
        final Path path = validRegion("order.shm");
        patch(path, b -> b.putLong(HeaderDescriptor.MAGIC_OFFSET, Long.reverseBytes(HeaderDescriptor.MAGIC)));
        assertRefused(path, "other byte order");
    }

    @Test
    void headerCapacityLargerThanTheFileIsRefused() throws IOException
    {
        final Path path = validRegion("capacity.shm");
        patch(path, b -> b.putLong(HeaderDescriptor.CAPACITY_OFFSET, 64L * CAPACITY));
        assertRefused(path, "truncated");
    }

    @Test
    void headerOffsetsThatDisagreeWithTheCapacityAreRefused() throws IOException
    {
        final Path path = validRegion("offsets.shm");
        patch(path, b -> b.putLong(HeaderDescriptor.DIRECTORY_OFFSET_OFFSET, CAPACITY - 64));
        assertRefused(path, "directory offset is " + (CAPACITY - 64));
    }

    @Test
    void allocationPointerOutsideTheDataAreaIsRefused() throws IOException
    {
        final Path path = validRegion("alloc.shm");
        patch(path, b -> b.putLong(HeaderDescriptor.ALLOC_POINTER_OFFSET, 5L * CAPACITY));
        assertRefused(path, "allocation pointer " + 5L * CAPACITY);
    }

    @Test
    void directoryRecordPointingOutsideTheRegionIsRefused() throws IOException
    {
        final Path path = validRegion("record.shm");
        final int record = firstUsedRecord(path);
        patch(path, b -> b.putLong(record + DirectoryDescriptor.DATA_OFFSET_OFFSET, CAPACITY - 8));
        assertRefused(path, "has data at [" + (CAPACITY - 8));
    }

    @Test
    void directoryRecordOfUnknownTypeIsRefused() throws IOException
    {
        final Path path = validRegion("type.shm");
        final int record = firstUsedRecord(path);
        patch(path, b -> b.putInt(record + DirectoryDescriptor.TYPE_OFFSET, 99));
        assertRefused(path, "unknown entry type 99");
    }

    @Test
    void headerNeverFinishedByItsCreatorIsRefusedAfterTheTimeout() throws IOException
    {
        final Path path = validRegion("unfinished.shm");
        patch(path, b -> b.putInt(HeaderDescriptor.STATE_OFFSET, HeaderDescriptor.STATE_INITIALISING));
        makeOld(path);
        assertRefused(path, "INITIALISING");
    }

    @Test
    void directoryIsRefused() throws IOException
    {
        final Path path = Files.createDirectory(dir.resolve("adir.shm"));
        assertThrows(IOException.class, () -> SharedRegion.open(path));
        assertThrows(IOException.class, () -> SharedRegion.openOrCreate(path, CAPACITY));
    }

    private Path validRegion(final String name) throws IOException
    {
        final Path path = dir.resolve(name);
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            region.longValue("x").set(5);
        }
        return path;
    }

    private static int firstUsedRecord(final Path path) throws IOException
    {
        final RegionLayout layout = RegionLayout.forCapacity(CAPACITY);
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.nativeOrder());
        for (int slot = 0; slot < layout.directorySlots(); slot++)
        {
            final int record = (int)layout.directoryOffset() + DirectoryDescriptor.recordOffset(slot);
            if (bytes.getLong(record + DirectoryDescriptor.STATE_OFFSET) == DirectoryDescriptor.STATE_READY)
            {
                return record;
            }
        }
        throw new AssertionError("no entry in " + path);
    }

    private static void patch(final Path path, final Consumer<ByteBuffer> change) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.nativeOrder());
        change.accept(bytes);
        Files.write(path, bytes.array());
    }

    private static void makeOld(final Path path) throws IOException
    {
        Files.setLastModifiedTime(path, FileTime.from(Instant.now().minusSeconds(3600)));
    }

    private static void assertRefused(final Path path, final String expected) throws IOException
    {
        final byte[] before = Files.readAllBytes(path);
        final FileTime modified = Files.getLastModifiedTime(path);
        final InvalidRegionException open = assertThrows(InvalidRegionException.class, () -> SharedRegion.open(path));
        assertTrue(open.getMessage().contains(expected), "message: " + open.getMessage());
        assertTrue(open.getMessage().contains(path.toString()), "message names the file: " + open.getMessage());
        final InvalidRegionException openOrCreate =
            assertThrows(InvalidRegionException.class, () -> SharedRegion.openOrCreate(path, CAPACITY));
        assertTrue(openOrCreate.getMessage().contains(expected), "message: " + openOrCreate.getMessage());
        assertArrayEquals(before, Files.readAllBytes(path), "the refused file was changed");
        assertTrue(modified.equals(Files.getLastModifiedTime(path)), "the refused file was touched");
    }
}

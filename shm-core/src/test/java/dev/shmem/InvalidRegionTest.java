package dev.shmem;

import dev.shmem.internal.region.DirectoryDescriptor;
import dev.shmem.internal.region.HeaderDescriptor;
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
        patch(path, b -> b.putLong(HeaderDescriptor.INDEX_OFFSET_OFFSET, CAPACITY - 64));
        assertRefused(path, "directory index offset is " + (CAPACITY - 64));
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
        assertRefused(path, "has data at offset " + (CAPACITY - 8));
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
    void rewoundAllocationPointerIsRefusedNamingTheRecordsPastIt() throws IOException
    {
        final Path path = twoEntries("rewound.shm");
        final long first = readLong(path, recordOf(path, FIRST) + DirectoryDescriptor.DATA_OFFSET_OFFSET);
        patch(path, b -> b.putLong(HeaderDescriptor.ALLOC_POINTER_OFFSET, first));
        assertRefused(path, "past the allocation pointer " + first);
        assertRefused(path, "'" + FIRST + "'");
    }

    @Test
    void recordInUnallocatedSpaceIsRefused() throws IOException
    {
        final Path path = twoEntries("unallocated.shm");
        final long alloc = readLong(path, HeaderDescriptor.ALLOC_POINTER_OFFSET);
        final long beyond = alloc + 10 * 128 - alloc % 128;
        final int second = recordOf(path, SECOND);
        patch(path, b -> b.putLong(second + DirectoryDescriptor.DATA_OFFSET_OFFSET, beyond));
        assertRefused(path, "'" + SECOND + "'");
        assertRefused(path, "past the allocation pointer " + alloc);
    }

    @Test
    void overlappingRecordsAreRefusedNamingBoth() throws IOException
    {
        final Path path = twoEntries("overlap.shm");
        final long first = readLong(path, recordOf(path, FIRST) + DirectoryDescriptor.DATA_OFFSET_OFFSET);
        final int second = recordOf(path, SECOND);
        patch(path, b -> b.putLong(second + DirectoryDescriptor.DATA_OFFSET_OFFSET, first));
        assertRefused(path, "overlap");
        assertRefused(path, "'" + FIRST + "'");
        assertRefused(path, "'" + SECOND + "'");
    }

    @Test
    void dataRangeThatOverflowsALongIsRefused() throws IOException
    {
        final Path path = twoEntries("overflow.shm");
        final long wraps = 0x7FFF_FFFF_FFFF_FF80L;
        final int second = recordOf(path, SECOND);
        patch(path, b -> b.putLong(second + DirectoryDescriptor.DATA_OFFSET_OFFSET, wraps));
        assertRefused(path, "has data at offset " + wraps);
    }

    @Test
    void lengthThatOverflowsTheDataBytesIsRefused() throws IOException
    {
        final Path path = twoEntries("length-overflow.shm");
        final int record = recordOf(path, SECOND);
        patch(path, b ->
        {
            b.putLong(record + DirectoryDescriptor.LENGTH_OFFSET, Long.MAX_VALUE / 4);
            b.putLong(record + DirectoryDescriptor.DATA_BYTES_OFFSET, (Long.MAX_VALUE / 4) * 8);
        });
        assertRefused(path, "'" + SECOND + "'");
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

    private static final String FIRST = "first-entry-under-test";
    private static final String SECOND = "second-entry-under-test";

    private Path twoEntries(final String name) throws IOException
    {
        final Path path = dir.resolve(name);
        try (SharedRegion region = SharedRegion.create(path, CAPACITY))
        {
            region.longValue(FIRST).set(5);
            region.longArray(SECOND, 16).set(3, 7);
        }
        return path;
    }

    /** Finds a directory record by its name field, whatever the directory's layout. */
    private static int recordOf(final Path path, final String name) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(path);
        final byte[] field = new byte[DirectoryDescriptor.MAX_NAME_LENGTH + 1];
        final byte[] nameBytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(nameBytes, 0, field, 0, nameBytes.length);
        outer:
        for (int at = 0; at + field.length <= bytes.length; at += 64)
        {
            for (int i = 0; i < field.length; i++)
            {
                if (bytes[at + i] != field[i])
                {
                    continue outer;
                }
            }
            return at - DirectoryDescriptor.NAME_OFFSET;
        }
        throw new AssertionError("no record named " + name + " in " + path);
    }

    private static long readLong(final Path path, final int offset) throws IOException
    {
        return ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.nativeOrder()).getLong(offset);
    }

    private static int firstUsedRecord(final Path path) throws IOException
    {
        return recordOf(path, "x");
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

package dev.shmem;

import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionFiles;
import dev.shmem.internal.region.RegionLayout;
import dev.shmem.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A region sized at creation (issue 21): hundreds of thousands of entries, hundreds of processes attaching in
 * turn, and the limits refused with messages naming the option to raise.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RegionScaleTest
{
    private static final int ENTRIES = 200_000;

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void twoHundredThousandEntriesAreCreatedReopenedAndChecked() throws IOException
    {
        final Path path = dir.resolve("big.shm");
        try (SharedRegion region = SharedRegion.builder(path).capacity(96L << 20).maxEntries(ENTRIES).create())
        {
            assertEquals(ENTRIES, region.maxEntries());
            for (int i = 0; i < ENTRIES; i++)
            {
                region.longValue("counter." + i).set(i * 3L);
            }
            final RegionFullException full =
                assertThrows(RegionFullException.class, () -> region.longValue("one too many"));
            assertTrue(full.getMessage().contains("all " + ENTRIES + " entries") &&
                full.getMessage().contains("maxEntries"), full.getMessage());
        }
        try (SharedRegion reopened = SharedRegion.open(path))
        {
            assertEquals(ENTRIES, reopened.maxEntries());
            for (int i = ENTRIES - 1; i >= 0; i--)
            {
                assertEquals(i * 3L, reopened.longValue("counter." + i).get(), "counter." + i);
            }
        }
        {
            final MappedRegion read = RegionFiles.open(path, Duration.ofSeconds(1), true);
            final Set<String> names = new HashSet<>();
            read.directory().forEach(entry -> names.add(entry.name()));
            assertEquals(ENTRIES, names.size());
            int visited = 0;
            for (int next = 0; next < read.directory().recordsUsed(); )
            {
                final int[] page = { 0 };
                next = read.directory().forEach(next, 4096, entry -> page[0]++);
                visited += page[0];
            }
            assertEquals(ENTRIES, visited, "paging visits every entry once");
            assertEquals("counter.123456", read.directory().find("counter.123456").name());
            assertEquals(null, read.directory().find("no such entry"));
        }
    }

    @Test
    void threeHundredAttachmentsInTurnNeverExhaustFourSlots() throws IOException
    {
        final Path path = dir.resolve("turns.shm");
        try (SharedRegion region = SharedRegion.builder(path).capacity(1 << 20).maxProcesses(4).create())
        {
            assertEquals(4, region.maxProcesses());
            final ProcessTable table = RegionFiles.open(path, Duration.ofSeconds(1), false).processes();
            final Set<Integer> slotsSeen = new HashSet<>();
            long previous = 0;
            for (int i = 0; i < 300; i++)
            {
                // One test-hook "process" at a time beside the region's own attachment: slots are reused.
                final long stamp = table.attach();
                slotsSeen.add(ProcessTable.slotOf(stamp));
                if (previous != 0)
                {
                    assertTrue(!table.isAlive(previous), "a detached stamp is not alive");
                }
                table.detach(stamp);
                previous = stamp;
            }
            assertTrue(slotsSeen.size() <= 3, "slots used " + slotsSeen);
            final List<Long> held = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                held.add(table.attach());
            }
            final IllegalStateException full = assertThrows(IllegalStateException.class, table::attach);
            assertTrue(full.getMessage().contains("all 4 slots") && full.getMessage().contains("maxProcesses"),
                full.getMessage());
            held.forEach(table::detach);
        }
    }

    @Test
    void realProcessesAttachInTurnAndDeadOnesFreeTheirSlots() throws Exception
    {
        final Path path = dir.resolve("jvms.shm");
        try (SharedRegion region = SharedRegion.builder(path).capacity(1 << 20).maxProcesses(2).create())
        {
            final SharedLong visits = region.longValue("visits");
            for (int i = 0; i < 6; i++)
            {
                // Odd children halt without closing: their slot is found dead and reclaimed by the next one.
                final ChildJvm child = ChildJvm.start(AttachOnce.class, path.toString(), Boolean.toString(i % 2 == 1));
                child.awaitSuccess(Duration.ofSeconds(60));
                child.close();
            }
            assertEquals(6, visits.get());
        }
    }

    /** Child: attach, count a visit, then close or halt. */
    public static final class AttachOnce
    {
        public static void main(final String[] args) throws IOException
        {
            final SharedRegion region = SharedRegion.open(Path.of(args[0]));
            region.longValue("visits").incrementAndGet();
            if (Boolean.parseBoolean(args[1]))
            {
                Runtime.getRuntime().halt(0);
            }
            region.close();
        }
    }

    @Test
    void limitsAreRefusedClearly() throws IOException
    {
        final Path path = dir.resolve("limits.shm");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SharedRegion.builder(path).maxEntries(0))
            .getMessage().contains("maxEntries 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SharedRegion.builder(path).maxProcesses(70_000))
            .getMessage().contains("maxProcesses 70000"));
        final IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
            () -> SharedRegion.builder(path).capacity(1 << 20).maxEntries(100_000).create());
        assertTrue(tooMany.getMessage().contains("maxEntries 100000") &&
            tooMany.getMessage().contains("raise the capacity"), tooMany.getMessage());
        assertTrue(Files.notExists(path), "nothing is created for refused sizes");
        try (SharedRegion region = SharedRegion.builder(path).capacity(4 << 20).maxProcesses(300).create())
        {
            final IllegalStateException queue =
                assertThrows(IllegalStateException.class, () -> region.queue("q", 4, 16));
            assertTrue(queue.getMessage().contains("maxProcesses <= 255"), queue.getMessage());
            region.semaphore("s", 2).acquireUninterruptibly();
        }
    }

    @Test
    void defaultsGrowWithTheCapacity() throws IOException
    {
        assertEquals(RegionLayout.MIN_DEFAULT_ENTRIES, RegionLayout.forCapacity(RegionLayout.MIN_CAPACITY).maxEntries());
        assertEquals(256, RegionLayout.forCapacity(1 << 20).maxEntries());
        assertEquals(131_072, RegionLayout.forCapacity(512L << 20).maxEntries());
        assertEquals(128, RegionLayout.forCapacity(1 << 20).processSlots());
        assertEquals(255, RegionLayout.forCapacity(1L << 30).processSlots());
        // The worked example of docs/FORMAT.md.
        final RegionLayout mib = RegionLayout.forCapacity(1 << 20);
        assertEquals(512, mib.indexSlots());
        assertEquals(8320, mib.indexOffset());
        assertEquals(12416, mib.recordsOffset());
        assertEquals(61568, mib.dataOffset());
        final Path path = dir.resolve("defaults.shm");
        try (SharedRegion region = SharedRegion.create(path, 64L << 20))
        {
            assertEquals(16_384, region.maxEntries());
            assertEquals(255, region.maxProcesses());
        }
    }

    @Test
    void formatVersionOneIsRefusedWithAClearMessage() throws IOException
    {
        final Path path = dir.resolve("v1.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            region.longValue("x").set(1);
        }
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.nativeOrder());
        bytes.putInt(HeaderDescriptor.FORMAT_VERSION_OFFSET, 1);
        Files.write(path, bytes.array());
        final InvalidRegionException ex = assertThrows(InvalidRegionException.class, () -> SharedRegion.open(path));
        assertTrue(ex.getMessage().contains("format version 1") && ex.getMessage().contains("create the region again"),
            ex.getMessage());
    }
}

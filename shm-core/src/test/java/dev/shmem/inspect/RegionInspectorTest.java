package dev.shmem.inspect;

import dev.shmem.InvalidRegionException;
import dev.shmem.SharedLock;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.SharedReentrantLock;
import dev.shmem.SharedSemaphore;
import dev.shmem.TempRegionDir;
import dev.shmem.internal.queue.QueueDescriptor;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionInspectorTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void showsEveryKindOfEntryWithItsState() throws Exception
    {
        final Path path = dir.resolve("all.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            region.longValue("hits").set(42);
            region.doubleArray("xs", 3).set(1, 2.5);
            final SharedLock lock = region.lock("l");
            final SharedReentrantLock reentrant = region.reentrantLock("r");
            final SharedSemaphore slots = region.semaphore("slots", 4);
            final SharedQueue queue = region.queue("q", 8, 16);
            lock.lock();
            reentrant.lock();
            reentrant.lock();
            slots.acquire(3);
            queue.offer(new byte[]{ 1, 2 });
            try (RegionInspector inspector = RegionInspector.open(path))
            {
                final List<RegionSnapshot.Entry> entries = inspector.entries("");
                assertEquals(List.of("hits", "l", "q", "r", "slots", "xs"),
                    entries.stream().map(RegionSnapshot.Entry::name).toList());
                final RegionSnapshot.Entry hits = entries.get(0);
                assertEquals("long value", hits.kind());
                assertEquals("42", hits.summary());
                assertTrue(hits.offset() > 0 && hits.bytes() >= 8, hits::toString);
                assertTrue(inspector.entries("x").get(0).summary().contains("2.5"));

                final RegionSnapshot.Lock l = inspector.lock("l").orElseThrow();
                assertTrue(l.held());
                assertEquals(ProcessHandle.current().pid(), l.holderPid());
                assertTrue(l.holderAlive());
                assertFalse(l.reentrant());
                assertEquals(2, inspector.lock("r").orElseThrow().holdCount());
                assertTrue(inspector.lock("slots").isEmpty(), "a semaphore is not a lock");

                final RegionSnapshot.Semaphore s = inspector.semaphore("slots").orElseThrow();
                assertEquals(1, s.available());
                assertEquals(4, s.initial());
                assertEquals(1, s.holders().size());
                assertEquals(3, s.holders().get(0).permits());
                assertEquals(ProcessHandle.current().pid(), s.holders().get(0).pid());

                final RegionSnapshot.Queue q = inspector.queue("q").orElseThrow();
                assertEquals(1, q.size());
                assertEquals(16, q.maxMessageBytes());
                assertFalse(q.closed());

                assertEquals(1, inspector.processes().size());
                assertEquals(ProcessHandle.current().pid(), inspector.processes().get(0).pid());
                assertEquals(6, inspector.snapshot().entries().size());
            }
            lock.unlock();
            assertFalse(RegionInspector.open(path).lock("l").orElseThrow().held());
        }
    }

    @Test
    void queueCountersAreTheWordsTheQueueReports() throws Exception
    {
        final Path path = dir.resolve("counters.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            region.queue("q", 4, 32).offer(new byte[]{ 1 });
            final long offset;
            try (RegionInspector inspector = RegionInspector.open(path))
            {
                offset = inspector.entries("q").get(0).offset();
            }
            // A message skipped after a dead producer needs a process killed inside a window of a few
            // instructions; the counters are set through the layout instead.
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                final MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
                final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
                buffer.putLongVolatile((int)offset + QueueDescriptor.SKIPPED_OFFSET, 5);
                buffer.putLongVolatile((int)offset + QueueDescriptor.LOST_OFFSET, 2);
            }
            final RegionSnapshot.Queue q = RegionInspector.open(path).queue("q").orElseThrow();
            assertEquals(5, q.skipped());
            assertEquals(2, q.lost());
        }
    }

    @Test
    void neverWritesNorAttaches() throws Exception
    {
        final Path path = dir.resolve("quiet.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            region.lock("l").lock();
            region.longValue("v").set(7);
        }
        final byte[] before = Files.readAllBytes(path);
        try (RegionInspector inspector = RegionInspector.open(path))
        {
            inspector.snapshot();
            assertTrue(inspector.processes().isEmpty(), "the inspector is not a process of the region");
        }
        assertArrayEquals(before, Files.readAllBytes(path));
    }

    @Test
    void refusesWhatIsNotARegion() throws Exception
    {
        assertThrows(NoSuchFileException.class, () -> RegionInspector.open(dir.resolve("missing.shm")));
        final Path text = dir.resolve("text.shm");
        final byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte)'x');
        Files.write(text, bytes);
        final InvalidRegionException ex = assertThrows(InvalidRegionException.class, () -> RegionInspector.open(text));
        assertTrue(ex.getMessage().contains(text.toString()), ex.getMessage());
    }
}

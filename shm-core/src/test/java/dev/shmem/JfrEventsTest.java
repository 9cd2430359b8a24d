package dev.shmem;

import dev.shmem.process.ChildJvm;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real recording in this JVM, read back through {@code jdk.jfr.consumer}: a wait for a lock held by a child JVM
 * and a takeover from a child killed holding it.
 */
class JfrEventsTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void waitsAndTakeoversAreRecorded() throws Exception
    {
        final Path path = dir.resolve("jfr.shm");
        final Path file = dir.resolve("shm.jfr");
        final long waitedFor;
        final long killed;
        try (SharedRegion region = SharedRegion.create(path, Children.CAPACITY);
             Recording recording = new Recording())
        {
            recording.enable("dev.shmem.Wait").withThreshold(Duration.ZERO).withStackTrace();
            recording.enable("dev.shmem.Takeover");
            recording.start();
            final SharedLock lock = region.lock("l");
            final SharedLong held = region.longValue("held");
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "lock", "300", "release"))
            {
                awaitHeld(held, holder);
                waitedFor = holder.pid();
                lock.lock();
                lock.unlock();
                holder.awaitSuccess(Children.TIMEOUT);
            }
            held.set(0);
            try (ChildJvm holder = ChildJvm.start(Children.Holder.class, path.toString(), "lock", "0", "hang"))
            {
                awaitHeld(held, holder);
                killed = holder.pid();
                holder.kill();
                holder.waitFor(Children.TIMEOUT);
            }
            assertTrue(lock.tryLock(10, TimeUnit.SECONDS), "took the lock over from the killed child");
            lock.markConsistent();
            lock.unlock();
            recording.stop();
            recording.dump(file);
        }
        final List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        final RecordedEvent wait = events.stream()
            .filter(e -> e.getEventType().getName().equals("dev.shmem.Wait") && e.getLong("holderPid") == waitedFor)
            .findFirst().orElseThrow(() -> new AssertionError("no dev.shmem.Wait for pid " + waitedFor + " in " + events));
        assertEquals("l", wait.getString("primitive"));
        assertEquals("SharedLock", wait.getString("kind"));
        assertTrue(wait.getBoolean("acquired"));
        assertTrue(wait.getDuration().toMillis() >= 50, wait::toString);
        assertTrue(wait.getStackTrace() != null, "stack trace recorded");
        final RecordedEvent takeover = events.stream()
            .filter(e -> e.getEventType().getName().equals("dev.shmem.Takeover"))
            .findFirst().orElseThrow(() -> new AssertionError("no dev.shmem.Takeover in " + events));
        assertEquals(killed, takeover.getLong("deadPid"));
        assertEquals("l", takeover.getString("primitive"));
    }

    private static void awaitHeld(final SharedLong held, final ChildJvm holder) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Children.TIMEOUT.toNanos();
        while (held.get() != holder.pid())
        {
            assertTrue(holder.isAlive(), () -> "holder died: " + holder.failure());
            assertTrue(System.nanoTime() < deadline, "holder did not take the lock");
            TimeUnit.MILLISECONDS.sleep(2);
        }
    }
}

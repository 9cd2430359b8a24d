package dev.shmem.demo.stat;

import dev.shmem.inspect.RegionInspector;

import dev.shmem.process.ChildJvm;
import dev.shmem.SharedDoubleArray;
import dev.shmem.SharedIntArray;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedLock;
import dev.shmem.SharedQueue;
import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stat on real regions: one of each value and array type, a lock held by this (live) process, a lock held by a
 * child JVM killed with {@code kill -9}, a lock taken over from that child, a semaphore with a live and a dead
 * holder, queues open and closed; and on files that are not regions.
 */
class StatCommandTest
{
    private static final long SELF = ProcessHandle.current().pid();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private SharedRegion region;
    private final List<Lock> held = new ArrayList<>();

    @AfterEach
    void close() throws IOException
    {
        held.forEach(Lock::unlock);
        if (region != null)
        {
            region.close();
        }
    }

    @Test
    void showsHeaderEveryEntryLocksSemaphoresQueuesAndProcesses() throws Exception
    {
        final Path path = dir.resolve("all.shm");
        final long deadPid = createFixture(path);

        final DemoRun run = DemoRun.run("stat", path.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("", run.err());
        final String out = run.out();
        assertTrue(out.startsWith("region " + path + "\n  format version 2, capacity 1,048,576 bytes\n"), out);
        assertTrue(out.contains("created ") && out.contains(" by pid " + SELF), out);
        assertLine(out, "i\\s+int value\\s+7");
        assertLine(out, "l\\s+long value\\s+-42");
        assertLine(out, "d\\s+double value\\s+2\\.5");
        assertLine(out, "ia\\s+int array of length 3\\s+min -1, max 3, sum 4; \\[-1, 2, 3\\]");
        assertLine(out, "la\\s+long array of length 10\\s+min 0, max 81, sum 285; \\[0, 1, 4, 9, 16, 25, 36, 49, \\.\\.\\.\\]");
        assertLine(out, "da\\s+double array of length 2\\s+min 0\\.5, max 1\\.5, sum 2\\.0; \\[0\\.5, 1\\.5\\]");
        assertLine(out, "empty\\s+long array of length 0\\s+empty");
        assertLine(out, "held\\.lock\\s+lock\\s+held by pid " + SELF + " \\(alive\\)");
        assertLine(out, "dead\\.lock\\s+lock\\s+held by pid " + deadPid + " \\(dead\\)");
        assertLine(out, "free\\.lock\\s+reentrant lock\\s+free");
        assertLine(out, "slots\\s+semaphore of 4 permits\\s+2 of 4 permits available");
        assertLine(out, "jobs\\s+queue of 8 slots\\s+2 of 8 messages, open");
        assertLine(out, "done\\s+queue of 4 slots\\s+0 of 4 messages, closed, end of stream");
        assertTrue(out.contains("entries (14)") && out.contains("locks (4)") && out.contains("semaphores (1)") &&
            out.contains("queues (2)"), out);
        // name, kind, state, holder, thread, holds, waiters, takeovers, data, last dead owner
        assertLine(out, "held\\.lock\\s+lock\\s+held\\s+pid " + SELF + " \\(alive\\)\\s+\\d+\\s+-\\s+0\\s+0\\s+consistent\\s+-");
        assertLine(out, "dead\\.lock\\s+lock\\s+held\\s+pid " + deadPid + " \\(dead\\)\\s+\\d+\\s+-\\s+0\\s+0\\s+consistent\\s+-");
        assertLine(out, "taken\\.over\\s+lock\\s+held\\s+pid " + SELF + " \\(alive\\)\\s+\\d+\\s+-\\s+0\\s+1\\s+INCONSISTENT\\s+pid " + deadPid);
        assertLine(out, "free\\.lock\\s+reentrant\\s+free\\s+-\\s+-\\s+0\\s+0\\s+0\\s+consistent\\s+-");
        // name, kind, available, initial, waiters, recovered, holders (in process slot order: this process first)
        assertLine(out, "slots\\s+semaphore\\s+2\\s+4\\s+0\\s+0\\s+pid " + SELF + " \\(alive\\): 1, pid " + deadPid +
            " \\(dead\\): 1");
        // name, slots, max bytes, size, offered, taken, state, consumers/producers waiting, skipped, lost
        assertLine(out, "jobs\\s+8\\s+64\\s+2\\s+3\\s+1\\s+open\\s+0\\s+0\\s+0\\s+0");
        assertLine(out, "done\\s+4\\s+16\\s+0\\s+1\\s+1\\s+closed, end of stream\\s+0\\s+0\\s+0\\s+0");
        assertTrue(out.contains("processes (2 attached, 128 slots)"), out);
        assertLine(out, "\\d+\\s+" + SELF + "\\s+yes\\s+\\d+\\s+\\S+");
        assertLine(out, "\\d+\\s+" + deadPid + "\\s+no \\(dead, slot reclaimable\\)\\s+\\d+\\s+\\S+");
    }

    @Test
    void statNeverChangesTheFileNorJoinsTheProcessTable() throws Exception
    {
        final Path path = dir.resolve("untouched.shm");
        createFixture(path);
        final byte[] before = Files.readAllBytes(path);

        final DemoRun once = DemoRun.run("stat", path.toString());
        final DemoRun watched = DemoRun.run("stat", path.toString(), "--watch", "0.1", "--count", "3");

        assertEquals(0, once.exitCode(), once::toString);
        assertEquals(0, watched.exitCode(), watched::toString);
        assertEquals(3, count(watched.out(), "region " + path), watched::toString);
        final byte[] after = Files.readAllBytes(path);
        assertTrue(Arrays.equals(before, after), "stat changed the region file at byte " + Arrays.mismatch(before, after));
        assertTrue(once.out().contains("processes (2 attached"), "stat itself is not attached: " + once.out());
    }

    @Test
    void fileThatIsNotARegionFailsWithOneLineAndNoStackTrace() throws IOException
    {
        final Path foreign = dir.resolve("foreign.bin");
        final byte[] text = "this is not a shm region, just some text\n".repeat(3000).getBytes(StandardCharsets.UTF_8);
        Files.write(foreign, text);
        assertOneLineFailure(DemoRun.run("stat", foreign.toString()), foreign + ": not a shm region: magic 0x");
        assertArrayEquals(text, Files.readAllBytes(foreign), "a foreign file is not written to");

        final Path small = dir.resolve("small.bin");
        Files.writeString(small, "hello");
        assertOneLineFailure(DemoRun.run("stat", small.toString()),
            small + " is not a valid shm region: file is 5 bytes, shorter than the 128-byte region header");

        final Path empty = Files.createFile(dir.resolve("empty.shm"));
        assertOneLineFailure(DemoRun.run("stat", empty.toString()),
            empty + " is not a valid shm region: file is empty (0 bytes) and was never marked ready");

        assertOneLineFailure(DemoRun.run("stat", dir.resolve("missing.shm").toString()), "missing.shm: no such file");
        assertTrue(DemoRun.run("stat", dir.resolve("missing.shm").toString()).err().contains("counter-race --keep-region"),
            "stat on a missing path says how to get a region");
        assertOneLineFailure(DemoRun.run("stat", dir.toString()), dir.toString());
    }

    @Test
    void watchShowsRatesBetweenViews() throws Exception
    {
        final Path path = dir.resolve("rates.shm");
        region = SharedRegion.create(path, 1 << 20);
        final SharedLong hits = region.longValue("hits");
        final SharedLong still = region.longValue("still");
        still.set(5);
        final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        final Thread counter = new Thread(() ->
        {
            while (!stop.get())
            {
                hits.incrementAndGet();
                java.util.concurrent.locks.LockSupport.parkNanos(100_000);
            }
        });
        counter.start();
        final DemoRun watched;
        try
        {
            watched = DemoRun.run("stat", path.toString(), "--watch", "0.2", "--count", "2");
        }
        finally
        {
            stop.set(true);
            counter.join();
        }
        assertEquals(0, watched.exitCode(), watched::toString);
        assertTrue(watched.out().contains("changes over the last"), watched::toString);
        assertLine(watched.out(), "hits\\s+value\\s+\\+\\d+\\s+\\S+.*");
        assertFalse(Pattern.compile("(?m)^\\s+still\\s+value").matcher(watched.out()).find(),
            "an unchanged value has no rate");
    }

    @Test
    void jsonIsOneParsableDocumentWithTheDocumentedFields() throws Exception
    {
        final Path path = dir.resolve("json.shm");
        region = SharedRegion.create(path, 1 << 20);
        region.longValue("app.hits").set(42);
        region.longValue("other").set(1);
        final SharedLock lock = region.lock("app.lock");
        lock.lock();
        held.add(lock);
        region.queue("app.q", 4, 16).offer(new byte[]{ 1 });

        final DemoRun run = DemoRun.run("stat", path.toString(), "--json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(1, run.out().strip().lines().count(), "one document on one line");
        final com.fasterxml.jackson.databind.JsonNode json = dev.shmem.demo.StrictJson.parse(run.out());
        assertEquals(1, json.get("schema").asInt());
        assertEquals(path.toString(), json.get("region").get("path").asText());
        assertEquals(4, json.get("entries").size());
        final com.fasterxml.jackson.databind.JsonNode locks = json.get("locks");
        assertEquals("app.lock", locks.get(0).get("name").asText());
        assertTrue(locks.get(0).get("held").asBoolean());
        assertEquals(SELF, locks.get(0).get("holderPid").asLong());
        assertEquals(1, json.get("queues").get(0).get("size").asInt());
        assertEquals(SELF, json.get("processes").get(0).get("pid").asLong());
        assertEquals(0, json.get("deadlocks").size());

        final DemoRun prefixed = DemoRun.run("stat", path.toString(), "--json", "--prefix", "app.");
        final com.fasterxml.jackson.databind.JsonNode only = dev.shmem.demo.StrictJson.parse(prefixed.out());
        assertEquals(3, only.get("entries").size(), prefixed::toString);

        final DemoRun limited = DemoRun.run("stat", path.toString(), "--limit", "2");
        assertEquals(0, limited.exitCode(), limited::toString);
        assertTrue(limited.out().contains("... and 2 more"), limited::toString);
    }

    @Test
    void watchOptionsAreChecked()
    {
        final DemoRun count = DemoRun.run("stat", "/nonexistent.shm", "--count", "2");
        assertEquals(2, count.exitCode(), count::toString);
        assertTrue(count.err().contains("--count needs --watch"), count::toString);
        final DemoRun watch = DemoRun.run("stat", "/nonexistent.shm", "--watch", "0");
        assertEquals(2, watch.exitCode(), watch::toString);
        assertTrue(watch.err().contains("--watch 0.0 is out of range: expected 0.1 to 3600 seconds"), watch::toString);
    }

    /**
     * One of each value and array type; a lock held by this thread; a child JVM that takes {@code dead.lock},
     * {@code taken.over} and a permit of {@code slots} and is killed with {@code kill -9}; {@code taken.over} then
     * taken over by this thread; a free reentrant lock; a permit of {@code slots} held by this process; queue
     * {@code jobs} with 3 messages offered and 1 taken; queue {@code done} closed and drained.
     *
     * @return the killed child's pid.
     */
    private long createFixture(final Path path) throws Exception
    {
        region = SharedRegion.create(path, 1 << 20);
        region.intValue("i").set(7);
        region.longValue("l").set(-42);
        region.doubleValue("d").set(2.5);
        final SharedIntArray ints = region.intArray("ia", 3);
        ints.set(0, -1);
        ints.set(1, 2);
        ints.set(2, 3);
        final SharedLongArray longs = region.longArray("la", 10);
        for (int i = 0; i < 10; i++)
        {
            longs.set(i, (long)i * i);
        }
        final SharedDoubleArray doubles = region.doubleArray("da", 2);
        doubles.set(0, 0.5);
        doubles.set(1, 1.5);
        region.longArray("empty", 0);

        final SharedLock heldLock = region.lock("held.lock");
        heldLock.lock();
        held.add(heldLock);
        region.reentrantLock("free.lock");
        final SharedSemaphore slots = region.semaphore("slots", 4);
        assertTrue(slots.tryAcquire(WAIT.toSeconds(), TimeUnit.SECONDS));
        final SharedLock deadLock = region.lock("dead.lock");
        final SharedLock takenOver = region.lock("taken.over");

        final SharedQueue jobs = region.queue("jobs", 8, 64);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(jobs.offer(("job-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("job-0", new String(jobs.poll(), StandardCharsets.UTF_8));
        final SharedQueue done = region.queue("done", 4, 16);
        assertTrue(done.offer(new byte[]{ 42 }));
        done.close();
        assertEquals(42, done.poll()[0]);
        assertNull(done.poll(), "closed and drained");

        final long pid;
        try (ChildJvm child = ChildJvm.builder(DeadHolderChild.class)
            .args(path.toString(), "slots", "dead.lock", "taken.over")
            .logDirectory(dir.resolve("logs")).start())
        {
            pid = child.pid();
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (holderPid(path, "dead.lock") != pid || holderPid(path, "taken.over") != pid)
            {
                assertTrue(child.isAlive(), () -> "the child died before taking its locks: " + child.failure());
                assertTrue(System.nanoTime() < deadline, "the child did not take its locks within " + WAIT);
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertEquals(2, slots.availablePermits(), "the child took its permit before its locks");
            child.kill();
        }
        assertTrue(takenOver.tryLock(WAIT.toSeconds(), TimeUnit.SECONDS), "taking over from the killed child");
        held.add(takenOver);
        assertFalse(takenOver.isConsistent());
        try (RegionInspector inspector = RegionInspector.open(path))
        {
            assertEquals(pid, inspector.lock("taken.over").orElseThrow().deadOwnerPid());
        }
        return pid;
    }

    private static long holderPid(final Path path, final String lock) throws IOException
    {
        try (RegionInspector inspector = RegionInspector.open(path))
        {
            return inspector.lock(lock).orElseThrow().holderPid();
        }
    }

    private static void assertLine(final String out, final String regex)
    {
        assertTrue(Pattern.compile("(?m)^\\s+" + regex + "\\s*$").matcher(out).find(),
            "no line matching " + regex + " in\n" + out);
    }

    private static void assertOneLineFailure(final DemoRun run, final String expected)
    {
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        final String err = run.err().strip();
        assertFalse(err.contains("\n"), "one line expected: " + err);
        assertTrue(err.startsWith("shm-demo stat: ") && err.contains(expected), run::toString);
        assertFalse(err.contains("Exception") || err.contains("\tat "), run::toString);
    }

    private static int count(final String text, final String part)
    {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1))
        {
            n++;
        }
        return n;
    }
}

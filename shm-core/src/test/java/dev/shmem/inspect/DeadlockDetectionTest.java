package dev.shmem.inspect;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import dev.shmem.TempRegionDir;
import dev.shmem.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real child JVMs lock one lock each, then each asks for the next one's lock: a cycle across 2 or 3 processes,
 * which the inspector must report with the right pids, thread names and locks.
 */
class DeadlockDetectionTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void reportsACycleAcrossTwoProcesses() throws Exception
    {
        cycle(2);
    }

    @Test
    void reportsACycleAcrossThreeProcesses() throws Exception
    {
        cycle(3);
    }

    @Test
    void aCycleWhoseProcessesDiedIsReportedAsThroughDeadProcesses() throws Exception
    {
        final Path path = dir.resolve("dead.shm");
        try (SharedRegion region = SharedRegion.create(path, 4 << 20))
        {
            final List<ChildJvm> children = startCycle(region, path, 2);
            waitForCycle(path, 2);
            children.forEach(ChildJvm::kill);
            for (final ChildJvm child : children)
            {
                child.waitFor(WAIT);
            }
            try (RegionInspector inspector = RegionInspector.open(path))
            {
                final List<Deadlock> deadlocks = inspector.findDeadlocks();
                assertEquals(1, deadlocks.size(), deadlocks::toString);
                assertTrue(deadlocks.get(0).throughDeadProcess(), deadlocks::toString);
                assertTrue(deadlocks.get(0).threads().stream().noneMatch(Deadlock.DeadlockedThread::alive));
            }
        }
    }

    @Test
    void withTheWatchdogOnEachProcessLogsItsDeadlockOnce() throws Exception
    {
        final Path path = dir.resolve("logged.shm");
        try (SharedRegion region = SharedRegion.create(path, 4 << 20))
        {
            final List<ChildJvm> children = new ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                children.add(ChildJvm.builder(Locker.class).args(path.toString(), Integer.toString(i), "2")
                    .jvmArgs("-Dshm.deadlock.logAfterMillis=200").logDirectory(dir.resolve("logs")).start());
            }
            try
            {
                releaseCycle(region, children, 2);
                final long deadline = System.nanoTime() + WAIT.toNanos();
                for (final ChildJvm child : children)
                {
                    while (!Files.readString(child.logFile()).contains("deadlock across processes"))
                    {
                        assertTrue(System.nanoTime() < deadline, () -> "no deadlock logged by pid " + child.pid());
                        TimeUnit.MILLISECONDS.sleep(20);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(600);
                for (final ChildJvm child : children)
                {
                    final String log = Files.readString(child.logFile());
                    assertEquals(1, log.split("deadlock across processes", -1).length - 1, log);
                    assertTrue(log.contains("thread 'locker-0' holds 'lock.0'"), log);
                    assertTrue(log.contains("thread 'locker-1' holds 'lock.1'"), log);
                }
            }
            finally
            {
                children.forEach(ChildJvm::kill);
            }
        }
    }

    @Test
    void aWaitThatIsNotACycleIsNoDeadlock() throws Exception
    {
        final Path path = dir.resolve("chain.shm");
        try (SharedRegion region = SharedRegion.create(path, 4 << 20))
        {
            final SharedLock held = region.lock("lock.0");
            held.lock();
            region.longValue("go").set(1);
            try
            {
                // One child holds lock.1 and waits for lock.0 (held by this test, which waits for nothing).
                try (ChildJvm child = ChildJvm.start(Locker.class, path.toString(), "1", "2"))
                {
                    final SharedLong waiting = region.longValue("waiting.1");
                    final long deadline = System.nanoTime() + WAIT.toNanos();
                    while (waiting.get() == 0)
                    {
                        assertTrue(child.isAlive(), () -> "child died: " + child.failure());
                        assertTrue(System.nanoTime() < deadline, "the child did not start waiting");
                        TimeUnit.MILLISECONDS.sleep(5);
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                    try (RegionInspector inspector = RegionInspector.open(path))
                    {
                        assertTrue(inspector.findDeadlocks().isEmpty(), () -> inspector.findDeadlocks().toString());
                    }
                    child.kill();
                }
            }
            finally
            {
                held.unlock();
            }
        }
    }

    private void cycle(final int processes) throws Exception
    {
        final Path path = dir.resolve("cycle" + processes + ".shm");
        try (SharedRegion region = SharedRegion.create(path, 4 << 20))
        {
            final List<ChildJvm> children = startCycle(region, path, processes);
            try
            {
                final long formedAt = System.nanoTime();
                final Deadlock deadlock = waitForCycle(path, processes);
                System.out.println(processes + "-process deadlock reported " +
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - formedAt) + " ms after every child asked " +
                    "for its second lock: " + deadlock);
                assertFalse(deadlock.throughDeadProcess());
                final Set<Long> pids = new HashSet<>();
                for (final Deadlock.DeadlockedThread thread : deadlock.threads())
                {
                    final int i = Integer.parseInt(thread.threadName().substring("locker-".length()));
                    assertEquals(children.get(i).pid(), thread.pid(), thread::toString);
                    assertTrue(thread.alive());
                    assertEquals("lock." + i, thread.holds(), thread::toString);
                    assertEquals("lock." + (i + 1) % processes, thread.waitsFor(), thread::toString);
                    pids.add(thread.pid());
                }
                assertEquals(processes, pids.size());
            }
            finally
            {
                children.forEach(ChildJvm::kill);
            }
        }
    }

    private static List<ChildJvm> startCycle(final SharedRegion region, final Path path, final int processes)
        throws Exception
    {
        final List<ChildJvm> children = new ArrayList<>();
        for (int i = 0; i < processes; i++)
        {
            children.add(ChildJvm.start(Locker.class, path.toString(), Integer.toString(i),
                Integer.toString(processes)));
        }
        releaseCycle(region, children, processes);
        return children;
    }

    private static void releaseCycle(final SharedRegion region, final List<ChildJvm> children, final int processes)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; i < processes; i++)
        {
            final SharedLong holding = region.longValue("holding." + i);
            while (holding.get() == 0)
            {
                final ChildJvm child = children.get(i);
                assertTrue(child.isAlive(), () -> "child died: " + child.failure());
                assertTrue(System.nanoTime() < deadline, "children did not take their first locks");
                TimeUnit.MILLISECONDS.sleep(5);
            }
        }
        region.longValue("go").set(1);
        for (int i = 0; i < processes; i++)
        {
            final SharedLong waiting = region.longValue("waiting." + i);
            while (waiting.get() == 0)
            {
                assertTrue(System.nanoTime() < deadline, "children did not ask for their second locks");
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    private static Deadlock waitForCycle(final Path path, final int processes) throws Exception
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        try (RegionInspector inspector = RegionInspector.open(path))
        {
            while (true)
            {
                final List<Deadlock> deadlocks = inspector.findDeadlocks();
                if (!deadlocks.isEmpty())
                {
                    assertEquals(1, deadlocks.size(), deadlocks::toString);
                    assertEquals(processes, deadlocks.get(0).threads().size(), deadlocks::toString);
                    return deadlocks.get(0);
                }
                assertTrue(System.nanoTime() < deadline, "no deadlock reported within " + WAIT);
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    /**
     * Child main: args region, index i, processes n. Takes lock.i, says so, waits for "go", says it is about to
     * wait, then locks lock.(i+1)%n: a cycle when every child does it. Killed by the test.
     */
    public static final class Locker
    {
        public static void main(final String[] args) throws Exception
        {
            final int i = Integer.parseInt(args[1]);
            final int n = Integer.parseInt(args[2]);
            Thread.currentThread().setName("locker-" + i);
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedLock mine = region.lock("lock." + i);
                final SharedLock next = region.lock("lock." + (i + 1) % n);
                mine.lock();
                region.longValue("holding." + i).set(1);
                final SharedLong go = region.longValue("go");
                final long deadline = System.nanoTime() + WAIT.toNanos();
                while (go.get() == 0 && System.nanoTime() < deadline)
                {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                region.longValue("waiting." + i).set(1);
                if (!next.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                {
                    throw new IllegalStateException("lock." + (i + 1) % n + " not acquired: the test kills us first");
                }
            }
        }
    }
}

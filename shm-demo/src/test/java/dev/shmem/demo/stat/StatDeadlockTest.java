package dev.shmem.demo.stat;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import dev.shmem.demo.DemoRun;
import dev.shmem.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two child JVMs each hold one lock and wait for the other's: stat reports the cycle with both pids, thread
 * names and locks.
 */
class StatDeadlockTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void statReportsATwoProcessDeadlock() throws Exception
    {
        final Path path = dir.resolve("deadlock.shm");
        final List<ChildJvm> children = new ArrayList<>();
        try (SharedRegion region = SharedRegion.create(path, 4 << 20))
        {
            for (int i = 0; i < 2; i++)
            {
                children.add(ChildJvm.builder(Crosser.class).args(path.toString(), Integer.toString(i))
                    .logDirectory(dir.resolve("logs")).start());
            }
            final long deadline = System.nanoTime() + WAIT.toNanos();
            for (int i = 0; i < 2; i++)
            {
                final SharedLong waiting = region.longValue("waiting." + i);
                while (waiting.get() == 0)
                {
                    assertTrue(System.nanoTime() < deadline, "the children did not reach their second lock");
                    TimeUnit.MILLISECONDS.sleep(2);
                }
            }
            DemoRun run;
            do
            {
                assertTrue(System.nanoTime() < deadline, "stat never reported the deadlock");
                run = DemoRun.run("stat", path.toString());
                assertEquals(0, run.exitCode(), run::toString);
            }
            while (!run.out().contains("DEADLOCKS (1)"));
            final String out = run.out();
            for (int i = 0; i < 2; i++)
            {
                final String line = "\\s+" + children.get(i).pid() + "\\s+yes\\s+crosser-" + i + " \\(\\d+\\)\\s+lock\\." + i +
                    "\\s+lock\\." + (1 - i) + "\\s+\\S+.*";
                assertTrue(Pattern.compile("(?m)^" + line + "$").matcher(out).find(), "no line " + line + " in\n" + out);
            }
        }
        finally
        {
            children.forEach(ChildJvm::kill);
        }
    }

    /** Child main: region, i. Locks lock.i, waits until both hold theirs, then locks lock.(1-i). Killed by the test. */
    public static final class Crosser
    {
        public static void main(final String[] args) throws Exception
        {
            final int i = Integer.parseInt(args[1]);
            Thread.currentThread().setName("crosser-" + i);
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedLock mine = region.lock("lock." + i);
                final SharedLock other = region.lock("lock." + (1 - i));
                mine.lock();
                region.longValue("holding." + i).set(1);
                final SharedLong peer = region.longValue("holding." + (1 - i));
                final long deadline = System.nanoTime() + WAIT.toNanos();
                while (peer.get() == 0 && System.nanoTime() < deadline)
                {
                    TimeUnit.MILLISECONDS.sleep(1);
                }
                region.longValue("waiting." + i).set(1);
                other.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }
}

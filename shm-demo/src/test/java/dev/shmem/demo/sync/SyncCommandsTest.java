package dev.shmem.demo.sync;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code event}, {@code barrier} and {@code condition} demos on small inputs, with real child JVMs.
 */
class SyncCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void eventWakesEveryWaiter()
    {
        final DemoRun run = DemoRun.run("event", "--waiters", "2", "--delay", "100", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        final List<String> lines = run.out().lines().toList();
        assertEquals("2 waiters, 1 setter, event 'go'", lines.get(0));
        for (int i = 0; i < 2; i++)
        {
            assertTrue(lines.contains("Waiter " + i + ": waiting for the event"), run::toString);
            final String waiter = "Waiter " + i + ": the event is set, woke after ";
            assertEquals(1, lines.stream().filter(line -> line.startsWith(waiter)).count(), run::toString);
        }
        assertTrue(lines.contains("Setter: setting the event"), run::toString);
        assertEquals("Event set: true; waiters woken: 2 of 2", lines.get(lines.size() - 1));
    }

    @Test
    void barrierKeepsTheWorkersInLockStep()
    {
        final DemoRun run = DemoRun.run("barrier", "--workers", "3", "--phases", "4", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        final List<String> lines = run.out().lines().toList();
        assertEquals("3 workers, 4 phases, barrier of 3 parties", lines.get(0));
        for (int i = 0; i < 3; i++)
        {
            final String worker = "Worker " + i + ": phase ";
            assertEquals(List.of(worker + "1 done, waiting for the others", worker + "2 done, waiting for the others",
                worker + "3 done, waiting for the others", worker + "4 done, waiting for the others"),
                lines.stream().filter(line -> line.startsWith(worker)).toList(), run::toString);
        }
        assertTrue(lines.contains("Barrier tripped 4 times for 4 phases (broken: false)"), run::toString);
        assertTrue(lines.get(lines.size() - 1).matches("3 workers went through 4 phases in lock-step in \\d+ ms"),
            run::toString);
    }

    @Test
    void aFailingBarrierWorkerFailsTheDemoAndIsNamed()
    {
        final DemoRun run = DemoRun.run("barrier", "--workers", "2", "--phases", "3", "--fail-child", "worker-1",
            "--timeout", "30", "--log-dir", dir.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("child worker-1"), run::toString);
        assertTrue(run.err().contains("injected failure (--fail-child worker-1) in phase 2"), run::toString);
    }

    @Test
    void conditionPassesEveryItemThroughTheBoundedBufferOnce()
    {
        final DemoRun run = DemoRun.run("condition", "--producers", "2", "--consumers", "2", "--items", "300",
            "--slots", "3", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        final List<String> lines = run.out().lines().toList();
        assertEquals("2 producers x 300 items, 2 consumers, buffer of 3 slots", lines.get(0));
        assertTrue(lines.contains("Producer from 0: put 300 items"), run::toString);
        assertTrue(lines.contains("Producer from 300: put 300 items"), run::toString);
        assertTrue(lines.get(lines.size() - 1).matches(
            "600 items taken exactly once, 0 lost, 0 taken more than once, in \\d+ ms"), run::toString);
    }

    @Test
    void outOfRangeOptionsAreUsageErrors()
    {
        assertEquals(2, DemoRun.run("barrier", "--workers", "0").exitCode());
        assertEquals(2, DemoRun.run("event", "--waiters", "17").exitCode());
        final DemoRun run = DemoRun.run("condition", "--slots", "0");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--slots 0 is out of range: expected 1 to 1024"), run::toString);
    }
}

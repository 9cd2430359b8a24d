package dev.shmem.demo.article;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * {@code producer-consumer}: two child JVMs over a shared queue closed by the producer. How the two children's
 * lines interleave is not deterministic; each child's own lines, and {@code Main: done} last, are.
 */
class ProducerConsumerCommandTest
{
    @TempDir
    Path dir;

    @Test
    void everyItemIsPutAndGotInOrderThenMainIsDone() throws IOException
    {
        final DemoRun run = DemoRun.run("producer-consumer", "--no-sleep", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        final List<String> lines = run.out().lines().toList();
        assertEquals(List.of("Producer: putting item-0", "Producer: putting item-1", "Producer: putting item-2",
            "Producer: putting item-3", "Producer: putting item-4"),
            lines.stream().filter(line -> line.startsWith("Producer:")).toList(), run::toString);
        assertEquals(List.of("Consumer: got item-0", "Consumer: got item-1", "Consumer: got item-2",
            "Consumer: got item-3", "Consumer: got item-4"),
            lines.stream().filter(line -> line.startsWith("Consumer:")).toList(), run::toString);
        assertEquals(11, lines.size(), run::toString);
        for (int i = 0; i < 5; i++)
        {
            // The lines are printed in the order things happened: an item is put before it is got.
            assertTrue(lines.indexOf("Producer: putting item-" + i) < lines.indexOf("Consumer: got item-" + i),
                run::toString);
        }
        assertEquals("Main: done", lines.get(lines.size() - 1));
        assertEquals("", run.err());
        assertEquals(0, ChildFailureAssert.logCount(dir));
    }

    @Test
    void aFailingConsumerIsNamedAndTheProducerIsStopped() throws IOException
    {
        final DemoRun run = DemoRun.run("producer-consumer", "--no-sleep", "--fail-child", "consumer",
            "--log-dir", dir.toString());

        ChildFailureAssert.assertChildFailed(run, "producer-consumer", "consumer", "after getting an item", dir);
        assertFalse(run.out().contains("Main: done"), run::toString);
        assertEquals(1, ChildFailureAssert.logCount(dir), "only the failed child's log is kept");
    }
}

package dev.shmem.demo.dict;

import dev.shmem.demo.DemoRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code manager-dict}: the article's Manager dict across five JVMs, then a word count by several JVMs.
 */
class ManagerDictCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsTheArticlesDictAndAnExactWordCount()
    {
        final DemoRun run = DemoRun.run("manager-dict", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Shared dict: {'k0': 0, 'k1': 1, 'k2': 4, 'k3': 9, 'k4': 16}\n"),
            run::toString);
        assertTrue(run.out().contains("Same as one JVM counting alone: yes"), run::toString);
        assertEquals("", run.err());
    }

    @Test
    void countsAGivenTextExactly() throws IOException
    {
        final Path text = dir.resolve("text.txt");
        Files.write(text, Collections.nCopies(300, "The cat and the dog, the end"), StandardCharsets.UTF_8);

        final DemoRun run = DemoRun.run("manager-dict", "-w", "2", "-p", "3", "--text", text.toString(),
            "--top", "2", "--log-dir", dir.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Shared dict: {'k0': 0, 'k1': 1}\n"), run::toString);
        assertTrue(run.out().contains("by 3 JVMs with merge: 2100 words, 5 distinct"), run::toString);
        assertTrue(run.out().contains("Top 2: the 900, and 300\n"), run::toString);
        assertTrue(run.out().contains("Same as one JVM counting alone: yes"), run::toString);
    }

    @Test
    void aFailingCounterIsNamedAndNoCountIsPrinted()
    {
        final DemoRun run = DemoRun.run("manager-dict", "--fail-child", "c1", "--log-dir", dir.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("c1"), run::toString);
        assertFalse(run.out().contains("Same as one JVM"), run::toString);
    }
}

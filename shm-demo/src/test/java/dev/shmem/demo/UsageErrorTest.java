package dev.shmem.demo;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A value picocli cannot parse and a value out of range are refused alike: exit 2, one line naming the problem,
 * one line pointing to {@code --help}, no usage dump. Nothing is started.
 */
class UsageErrorTest
{
    private static final String HINT = "Try 'shm-demo counter-race --help' for the options.";

    @Test
    void aValueThatIsNotANumberGetsOneLineAndAHint()
    {
        assertOneLineAndHint(DemoRun.run("counter-race", "--processes", "abc"),
            "shm-demo counter-race: Invalid value for option '--processes': 'abc' is not an int");
    }

    @Test
    void aValueOutOfRangeGetsTheSameShape()
    {
        assertOneLineAndHint(DemoRun.run("counter-race", "--processes", "0"),
            "shm-demo counter-race: --processes 0 is out of range: expected 1 to 64");
    }

    @Test
    void anUnknownOptionGetsTheSameShape()
    {
        final DemoRun run = DemoRun.run("counter-race", "--procesess", "2");
        assertEquals(2, run.exitCode(), run::toString);
        final List<String> lines = run.err().lines().toList();
        assertEquals("shm-demo counter-race: Unknown options: '--procesess', '2'", lines.get(0), run::toString);
        assertEquals(HINT, lines.get(lines.size() - 1), run::toString);
        assertFalse(run.err().contains("Usage:"), run::toString);
    }

    private static void assertOneLineAndHint(final DemoRun run, final String first)
    {
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals(List.of(first, HINT), run.err().lines().toList(), run::toString);
        assertEquals("", run.out(), run::toString);
    }
}

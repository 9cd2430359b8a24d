package dev.shmem.demo.counter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shmem.SharedLock;
import dev.shmem.demo.DemoRun;
import dev.shmem.demo.StrictJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * counter-race end to end, in this JVM, with real child JVMs and small counts.
 */
class CounterRaceTest
{
    private static final int PROCESSES = 2;
    private static final long INCREMENTS = 200_000;

    @TempDir
    Path dir;

    @Test
    void atomicLockedAndShardedAreExactAndPlainAccountsForEveryLostUpdateInWellFormedJson() throws IOException
    {
        final DemoRun run = DemoRun.run("counter-race", "--processes", Integer.toString(PROCESSES),
            "--increments", Long.toString(INCREMENTS), "--json", "--quiet", "--log-dir", dir.toString(),
            "--chart", dir.resolve("charts").resolve("race").toString());
        assertEquals(0, run.exitCode(), run::toString);
        final JsonNode json = StrictJson.parse(run.out().strip());
        final Path chart = dir.resolve("charts").resolve("race.png");
        assertTrue(run.err().contains("chart written to " + chart), run::toString);
        final BufferedImage image = ImageIO.read(chart.toFile());
        assertEquals(900, image.getWidth());
        assertEquals(500, image.getHeight());
        Files.delete(chart);
        Files.delete(chart.getParent());
        assertTrue(json.get("ok").booleanValue(), json::toString);
        final long expected = PROCESSES * INCREMENTS;
        assertEquals(expected, json.get("expected").longValue());
        final List<JsonNode> modes = list(json.get("modes"));
        assertEquals(List.of("plain", "atomic", "locked", "sharded"),
            modes.stream().map(m -> m.get("mode").textValue()).toList());
        for (final JsonNode mode : modes)
        {
            final long finalValue = mode.get("final").longValue();
            final long lost = mode.get("lost").longValue();
            assertEquals(expected, mode.get("expected").longValue(), mode::toString);
            assertEquals(expected, finalValue + lost, mode::toString);
            assertTrue(finalValue >= 0 && finalValue <= expected, mode::toString);
            assertTrue(mode.get("elapsedNanos").longValue() > 0, mode::toString);
            assertTrue(mode.get("opsPerSecond").isNumber(), mode::toString);
            assertTrue(mode.get("lostPercent").isNumber(), mode::toString);
            if (!mode.get("mode").textValue().equals("plain"))
            {
                assertEquals(0, lost, mode::toString);
            }
        }
        final Set<Long> pids = new HashSet<>();
        list(json.get("children")).forEach(child -> pids.add(child.get("pid").longValue()));
        assertEquals(PROCESSES, pids.size(), json::toString);
        assertEquals(List.of(), list(json.get("failures")));
        assertFalse(Files.exists(Path.of(json.get("region").textValue())), "region file must be removed afterwards");
        try (Stream<Path> logs = Files.list(dir))
        {
            assertEquals(List.of(), logs.toList(), "logs of children that succeeded are removed");
        }
    }

    @Test
    void textReportHasTheTableAndChartsAndAKeptRegionCanBeInspected()
    {
        final Path region = dir.resolve("race.shm");
        final DemoRun race = DemoRun.run("counter-race", "-p", "2", "-n", "5000", "--modes", "sharded,atomic",
            "--region", region.toString(), "--keep-region", "--log-dir", dir.resolve("logs").toString());
        assertEquals(0, race.exitCode(), race::toString);
        assertTrue(race.out().contains("2 processes x 5,000 increments = 10,000 per mode; modes atomic, sharded"),
            race::toString);
        assertTrue(Pattern.compile("(?m)^atomic\\s+incrementAndGet\\s+10,000\\s+10,000\\s+0\\s+0\\.00 %")
            .matcher(race.out()).find(), race::toString);
        assertTrue(Pattern.compile("(?m)^sharded\\s+.*\\s+10,000\\s+10,000\\s+0\\s+0\\.00 %")
            .matcher(race.out()).find(), race::toString);
        assertTrue(race.out().contains("increments per second") && race.out().contains("lost updates"),
            race::toString);
        assertTrue(race.err().contains("started 2 child JVMs"), race::toString);

        final DemoRun stat = DemoRun.run("stat", region.toString());
        assertEquals(0, stat.exitCode(), stat::toString);
        assertTrue(Pattern.compile("(?m)^\\s+race\\.atomic\\.counter\\s+long value\\s+10000$")
            .matcher(stat.out()).find(), stat::toString);
        assertTrue(Pattern.compile("(?m)^\\s+race\\.sharded\\.shards\\s+long array of length 32\\s+min 0, max 5000, " +
            "sum 10000;").matcher(stat.out()).find(), stat::toString);
    }

    @Test
    void lockedModeIsExactAndLeavesItsLockFreeForStat()
    {
        final Path region = dir.resolve("locked.shm");
        final DemoRun race = DemoRun.run("counter-race", "-p", "3", "-n", "20000", "--modes", "locked",
            "--region", region.toString(), "--keep-region", "--quiet", "--log-dir", dir.resolve("logs").toString());
        assertEquals(0, race.exitCode(), race::toString);
        assertTrue(Pattern.compile("(?m)^locked\\s+SharedLock around get/set\\s+60,000\\s+60,000\\s+0\\s+0\\.00 %")
            .matcher(race.out()).find(), race::toString);

        final DemoRun stat = DemoRun.run("stat", region.toString());
        assertEquals(0, stat.exitCode(), stat::toString);
        assertTrue(Pattern.compile("(?m)^\\s+race\\.locked\\.counter\\s+long value\\s+60000$")
            .matcher(stat.out()).find(), stat::toString);
        assertTrue(Pattern.compile("(?m)^\\s+race\\.locked\\.lock\\s+lock\\s+free$")
            .matcher(stat.out()).find(), stat::toString);
        assertTrue(Pattern.compile("(?m)^\\s+race\\.locked\\.lock\\s+lock\\s+free\\s+-\\s+-\\s+-\\s+0\\s+0\\s+consistent\\s+-$")
            .matcher(stat.out()).find(), stat::toString);
    }

    @Test
    void anExistingRegionPathIsRefusedAndLeftAlone() throws IOException
    {
        final Path existing = Files.writeString(dir.resolve("someone-elses.shm"), "precious");
        final DemoRun run = DemoRun.run("counter-race", "-p", "1", "-n", "10", "--region", existing.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--region " + existing + " already exists: counter-race creates a fresh " +
            "region; remove the file or choose another path"), run::toString);
        assertEquals("precious", Files.readString(existing), "an existing file is neither deleted nor written");
    }

    @Test
    void badUsageIsRefusedWithTheValueAndTheRange()
    {
        final DemoRun zero = DemoRun.run("counter-race", "--processes", "0");
        assertEquals(2, zero.exitCode(), zero::toString);
        assertTrue(zero.err().contains("--processes 0 is out of range: expected 1 to 64"), zero::toString);
        final DemoRun unknown = DemoRun.run("counter-race", "--modes", "magic");
        assertEquals(2, unknown.exitCode(), unknown::toString);
        assertTrue(unknown.err().contains("unknown mode 'magic': expected one of plain, atomic, locked, sharded"),
            unknown::toString);
    }

    @Test
    void aChildThatThrowsMakesTheDemoFailNamingItsPidExceptionAndLog() throws IOException
    {
        final DemoRun run = DemoRun.run("counter-race", "-p", "2", "-n", Long.toString(INCREMENTS),
            "--modes", "atomic,sharded", "--fail-child", "1", "--json", "--quiet", "--log-dir", dir.resolve("logs").toString());
        assertEquals(1, run.exitCode(), run::toString);
        final JsonNode json = StrictJson.parse(run.out().strip());
        assertFalse(json.get("ok").booleanValue(), json::toString);
        final List<JsonNode> failures = list(json.get("failures"));
        assertEquals(1, failures.size(), json::toString);
        final JsonNode failure = failures.get(0);
        assertEquals(1, failure.get("child").intValue());
        assertEquals("mode atomic", failure.get("phase").textValue());
        final long pid = failure.get("pid").longValue();
        final Path log = Path.of(failure.get("log").textValue());
        assertEquals(dir.resolve("logs"), log.getParent());
        assertTrue(failure.get("exception").textValue().startsWith(
            "java.lang.IllegalStateException: injected failure (--fail-child 1) in mode atomic"), json::toString);

        final Matcher named = Pattern.compile("child 1, pid (\\d+): exited with status 70 after an uncaught exception")
            .matcher(run.err());
        assertTrue(named.find(), run::toString);
        assertEquals(pid, Long.parseLong(named.group(1)));
        assertTrue(run.err().contains("exception: java.lang.IllegalStateException: injected failure"), run::toString);
        assertTrue(run.err().contains("log: " + log), run::toString);
        assertTrue(Files.readString(log).contains("injected failure"), "the child's log holds its exception");
        try (Stream<Path> logs = Files.list(dir.resolve("logs")))
        {
            assertEquals(List.of(log), logs.filter(p -> p.toString().endsWith(".log")).toList(),
                "only the failed child's log is kept");
        }
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertEquals(List.of(), list(json.get("modes")), "no mode finished");
    }

    @Test
    void aChildThatHangsIsKilledAtTheTimeoutAndNamed() throws IOException
    {
        final DemoRun run = DemoRun.run("counter-race", "-p", "2", "-n", Long.toString(INCREMENTS),
            "--modes", "atomic", "--hang-child", "0", "--timeout", "2", "--quiet", "--log-dir", dir.resolve("logs").toString());
        assertEquals(1, run.exitCode(), run::toString);
        final Matcher named = Pattern.compile(
            "child 0, pid (\\d+): did not finish mode atomic within 2 s \\(at \\d+ of 200000 increments\\) and was killed")
            .matcher(run.err());
        assertTrue(named.find(), run::toString);
        final long pid = Long.parseLong(named.group(1));
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true), "the hung child was killed");
        assertTrue(run.err().contains("log: " + dir.resolve("logs").resolve("shm-child-" + pid + ".log")),
            run::toString);
        assertFalse(run.err().contains("child 1,"), "the child that finished is not blamed: " + run.err());
    }

    private static List<JsonNode> list(final JsonNode array)
    {
        assertTrue(array.isArray(), array::toString);
        final List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }
}

package dev.shmem.fuzz;

import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.TempRegionDir;
import dev.shmem.process.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded mutation fuzzer over region files (issue 16): mutants of a valid region holding one entry of each
 * kind, each opened and exercised through the public API in child JVMs (a batch of mutants per child). Fails on a
 * crash, a hang, an exception of an undocumented type, or a write where the library has no business writing. The
 * seed is printed; {@code -Dshm.fuzz.seed=N} replays a run, {@code -Dshm.fuzz.mutants=N} sizes it.
 */
@Tag("fuzz")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RegionFuzzTest
{
    private static final int CHILDREN = 2;

    @Test
    void mutantsAreRefusedOrServedButNeverCrashHangOrWriteAstray() throws Exception
    {
        final long seed = Long.getLong("shm.fuzz.seed", System.nanoTime());
        final int mutants = Integer.getInteger("shm.fuzz.mutants", 400);
        System.out.println("RegionFuzzTest: seed " + seed + ", " + mutants + " mutants (replay with -Dshm.fuzz.seed=" +
            seed + " -Dshm.fuzz.mutants=" + mutants + ")");
        final Path root = TempRegionDir.createRoot();
        try
        {
            final Path template = template(root.resolve("template.shm"));
            final List<ChildJvm> children = new ArrayList<>();
            final List<Path> reports = new ArrayList<>();
            final int perChild = (mutants + CHILDREN - 1) / CHILDREN;
            final long start = System.nanoTime();
            for (int c = 0; c < CHILDREN; c++)
            {
                final int from = c * perChild;
                final int count = Math.max(0, Math.min(perChild, mutants - from));
                final Path report = root.resolve("report-" + c + ".txt");
                reports.add(report);
                children.add(ChildJvm.start(FuzzChild.class, template.toString(), root.toString(),
                    Long.toString(seed), Integer.toString(from), Integer.toString(count), report.toString()));
            }
            final List<String> problems = new ArrayList<>();
            final Map<String, Integer> outcomes = new TreeMap<>();
            int results = 0;
            for (int c = 0; c < CHILDREN; c++)
            {
                final ChildJvm child = children.get(c);
                final boolean exited = child.waitFor(Duration.ofSeconds(150));
                if (!exited)
                {
                    child.kill();
                }
                final List<String> lines = Files.exists(reports.get(c)) ? Files.readAllLines(reports.get(c)) :
                    List.of();
                String begun = null;
                for (final String line : lines)
                {
                    if (line.startsWith("BEGIN "))
                    {
                        begun = line;
                        continue;
                    }
                    begun = null;
                    if (line.startsWith("HANG "))
                    {
                        problems.add(line);
                        continue;
                    }
                    results++;
                    final String[] parts = line.split(" ", 3);
                    final String outcome = parts[1];
                    if (outcome.equals("UNEXPECTED") || outcome.equals("WRITE"))
                    {
                        problems.add(line);
                    }
                    final String key = outcome.startsWith("REFUSED") || outcome.equals("OPENED") ?
                        outcome + " " + parts[2].substring(0, parts[2].indexOf(']') + 1) : outcome;
                    outcomes.merge(key, 1, Integer::sum);
                }
                if (!exited)
                {
                    problems.add("child " + c + " did not finish in 150 s (killed); last: " + begun);
                }
                else if (child.exitValue() != 0 && problems.stream().noneMatch(p -> p.startsWith("HANG")))
                {
                    problems.add("child " + c + " crashed with status " + child.exitValue() + " on " + begun + ": " +
                        child.failure().orElse("log " + child.logFile()));
                }
                child.close();
            }
            final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.println("RegionFuzzTest: seed " + seed + ": " + results + " mutants in " + millis + " ms");
            outcomes.forEach((outcome, n) -> System.out.println("  " + n + "\t" + outcome));
            if (!problems.isEmpty())
            {
                fail("seed " + seed + ": " + problems.size() + " problems:\n  " +
                    String.join("\n  ", problems.subList(0, Math.min(10, problems.size()))));
            }
            assertEquals(mutants, results, "every mutant reported");
            assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("OPENED")), "some mutants open");
            assertTrue(outcomes.keySet().stream().anyMatch(k -> k.startsWith("REFUSED")), "some mutants refused");
        }
        finally
        {
            TempRegionDir.deleteRecursively(root);
        }
    }

    /** A small valid region holding one entry of each kind, a queued message and a held permit's ledger. */
    private static Path template(final Path path) throws IOException
    {
        try (SharedRegion region = SharedRegion.builder(path).capacity(256 << 10).maxEntries(32).maxProcesses(8)
            .create())
        {
            region.intValue("i").set(1);
            region.longValue("l").set(7);
            region.doubleValue("d").set(2.5);
            region.intArray("ia", 8).set(7, 70);
            region.longArray("la", 8).set(1, 10);
            region.doubleArray("da", 8).set(3, 0.5);
            region.lock("lock");
            region.reentrantLock("rlock");
            region.semaphore("sem", 2);
            region.boundedSemaphore("bsem", 2);
            final SharedQueue queue = region.queue("q", 4, 32);
            queue.offer("hello".getBytes());
        }
        return path;
    }
}

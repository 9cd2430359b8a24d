package dev.shmem.demo;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping a demo from outside (SIGTERM here, which runs the JVM's shutdown hooks as Ctrl-C's SIGINT does) stops
 * its child JVMs at once, removes its region and says "interrupted". The demo runs in a real JVM, with children
 * that would otherwise run for a minute.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class InterruptTest
{
    @TempDir
    Path dir;

    private Process demo;
    private final List<ProcessHandle> children = new ArrayList<>();

    @AfterEach
    void killLeftovers()
    {
        if (demo != null)
        {
            demo.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void counterRaceStopsItsChildrenAndRemovesItsRegion() throws Exception
    {
        final Path region = dir.resolve("race.shm");
        final Output output = start("counter-race", "-p", "2", "-n", "2000000000", "--modes", "plain",
            "--region", region.toString(), "--log-dir", dir.resolve("logs").toString(), "--timeout", "300");
        await(() -> Files.exists(region) && demo.descendants().count() == 2, output);

        assertStoppedAtOnce(output);
        assertFalse(Files.exists(region), "region removed");
    }

    @Test
    void semaphoreDemoStopsItsWorkersAndRemovesItsRegion() throws Exception
    {
        final Output output = start("semaphore", "--workers", "3", "--hold", "60",
            "--log-dir", dir.resolve("logs").toString(), "--timeout", "300");
        await(() -> output.text().contains("entered"), output);
        final List<Path> regions = regionsOf(demo.pid());
        assertEquals(1, regions.size(), regions.toString());

        assertStoppedAtOnce(output);
        assertFalse(Files.exists(regions.get(0)), "region removed");
    }

    private void assertStoppedAtOnce(final Output output) throws InterruptedException
    {
        demo.descendants().forEach(children::add);
        assertFalse(children.isEmpty());
        final long start = System.nanoTime();
        // SIGTERM, through the handle: Process.destroy() would also close our end of the demo's output.
        assertTrue(demo.toHandle().destroy());
        assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "the demo exits: " + output.text());
        for (final ProcessHandle child : children)
        {
            assertFalse(child.isAlive(), "child " + child.pid() + " still runs after the demo exited");
        }
        final long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // Bound generous for a loaded machine; without the hook the children run until their minute is over.
        assertTrue(millis < 20_000, "took " + millis + " ms");
        output.join();
        assertTrue(output.text().contains("shm-demo: interrupted: stopped " + children.size() + " child JVM"),
            "exit " + demo.exitValue() + ": " + output.text());
        assertFalse(output.text().contains("unexpected error"), output.text());
    }

    private Output start(final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            Main.class.getName()));
        command.addAll(List.of(args));
        demo = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new Output(demo.getInputStream());
    }

    private void await(final BooleanSupplier condition, final Output output) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            assertTrue(demo.isAlive(), "the demo exited early: " + output.text());
            assertTrue(System.nanoTime() < deadline, "the demo did not get going: " + output.text());
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private static List<Path> regionsOf(final long pid) throws IOException
    {
        final Path shm = Files.isDirectory(Path.of("/dev/shm")) ? Path.of("/dev/shm") :
            Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> files = Files.list(shm))
        {
            return files.filter(file -> file.getFileName().toString().startsWith("shm-demo-semaphore-" + pid + "-"))
                .collect(Collectors.toList());
        }
    }

    /** The demo's standard output and error, read by a thread of its own. */
    private static final class Output
    {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        Output(final InputStream in)
        {
            reader = new Thread(() ->
            {
                final byte[] buffer = new byte[4096];
                try
                {
                    int n;
                    while ((n = in.read(buffer)) > 0)
                    {
                        synchronized (bytes)
                        {
                            bytes.write(buffer, 0, n);
                        }
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            }, "demo-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text()
        {
            synchronized (bytes)
            {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void join() throws InterruptedException
        {
            reader.join(10_000);
        }
    }
}

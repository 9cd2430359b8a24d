package dev.shmem.stress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Runs the jcstress suite of this jar and fails unless it really passed: starts {@code java -jar jcstress.jar}
 * with the given jcstress options (in the current directory, where jcstress writes {@code results/} and its
 * {@code .bin.gz}), echoes its output, then checks it with {@link SuiteCheck} and checks that no region file was
 * left behind. Exit code 0 if the run passed, 1 if not, 2 for bad usage.
 *
 * <pre>
 * java -cp shm-stress/target/jcstress.jar dev.shmem.stress.SuiteRunner -m quick -sc false \
 *     -jvmArgs "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED"
 * </pre>
 */
public final class SuiteRunner
{
    private SuiteRunner()
    {
    }

    /**
     * @param args jcstress options, passed on unchanged.
     * @throws IOException          if jcstress cannot be started or read.
     * @throws InterruptedException if interrupted while waiting for it.
     */
    public static void main(final String[] args) throws IOException, InterruptedException
    {
        final Path jar = ownJar();
        if (jar == null)
        {
            System.err.println("shm-stress: SuiteRunner must run from the shaded jar: " +
                "java -cp shm-stress/target/jcstress.jar dev.shmem.stress.SuiteRunner [jcstress options]");
            System.exit(2);
        }
        final Path directory = StressFiles.directory();
        final Set<Path> staleBefore = new HashSet<>(StressFiles.leftovers(directory));
        deleteAll(staleBefore, "from an earlier run");

        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        System.out.println("shm-stress: " + String.join(" ", command));

        final long start = System.nanoTime();
        final Process jcstress = new ProcessBuilder(command).redirectErrorStream(true).start();
        final Thread stopChild = new Thread(() -> stop(jcstress), "shm-stress-stop-jcstress");
        Runtime.getRuntime().addShutdownHook(stopChild);
        final List<String> lines = new ArrayList<>();
        try (BufferedReader output = new BufferedReader(
            new InputStreamReader(jcstress.getInputStream(), Charset.defaultCharset())))
        {
            String line;
            while ((line = output.readLine()) != null)
            {
                System.out.println(line);
                lines.add(line);
            }
        }
        final int exitCode = jcstress.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);

        final List<Path> leftovers = new ArrayList<>(StressFiles.leftovers(directory));
        leftovers.removeAll(staleBefore);
        final List<String> problems = SuiteCheck.problems(lines, exitCode, leftovers);
        deleteAll(leftovers, "left by this run");

        System.out.println();
        final String results = SuiteCheck.resultsLine(lines);
        System.out.println("shm-stress: " + (results == null ? "no Results line" : results) +
            " (jcstress took " + seconds + " s)");
        for (final int actors : SuiteCheck.unschedulableActorCounts(lines))
        {
            System.out.println("shm-stress: note: tests with " + actors + " actors did not run: this machine has " +
                "too few CPUs for them");
        }
        if (problems.isEmpty())
        {
            System.out.println("shm-stress: PASSED");
            System.exit(0);
        }
        problems.forEach(problem -> System.out.println("shm-stress: FAILED: " + problem));
        System.exit(1);
    }

    private static Path ownJar()
    {
        try
        {
            final Path location = Path.of(SuiteRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        }
        catch (final URISyntaxException | SecurityException ex)
        {
            return null;
        }
    }

    private static void deleteAll(final Iterable<Path> files, final String why)
    {
        for (final Path file : files)
        {
            try
            {
                Files.deleteIfExists(file);
                System.out.println("shm-stress: deleted region file " + file + " " + why);
            }
            catch (final IOException ex)
            {
                System.out.println("shm-stress: cannot delete " + file + ": " + ex);
            }
        }
    }

    private static void stop(final Process jcstress)
    {
        // Interrupted runner (Ctrl-C): stop jcstress and the test JVMs it forked, by handle.
        jcstress.descendants().forEach(ProcessHandle::destroy);
        jcstress.destroy();
    }
}

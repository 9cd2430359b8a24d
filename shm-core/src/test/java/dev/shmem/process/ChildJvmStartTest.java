package dev.shmem.process;

import dev.shmem.TempRegionDir;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ChildJvm's start from the inside: a log that cannot be named leaves no orphan, and the class-data archive.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChildJvmStartTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    static final class Sleeper
    {
        public static void main(final String[] args) throws InterruptedException
        {
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }

    static final class Hello
    {
        public static void main(final String[] args)
        {
            System.out.println("hello " + List.of(args));
        }
    }

    /** Issue 17, defect 6: the child was started before the rename that could throw, and was left running. */
    @Test
    void aLogThatCannotBeNamedLeavesNoChildRunning() throws Exception
    {
        final IOException ex = assertThrows(IOException.class, () -> ChildJvm.builder(Sleeper.class)
            .logDirectory(dir.path()).logRenamer((from, to) ->
            {
                throw new IOException("disk says no");
            }).start());
        assertTrue(ex.getMessage().contains("disk says no") && ex.getMessage().contains("killed"), ex.getMessage());
        final Matcher pid = Pattern.compile("child pid (\\d+)").matcher(ex.getMessage());
        assertTrue(pid.find(), ex.getMessage());
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.of(Long.parseLong(pid.group(1))).map(ProcessHandle::isAlive).orElse(false))
        {
            assertTrue(System.nanoTime() < deadline, "child pid " + pid.group(1) + " orphaned");
            Thread.sleep(10);
        }
    }

    @Test
    void theClassDataArchiveIsMadeOnceThenUsed() throws Exception
    {
        // Only jars can be archived: the test's class directories packed into jars of their own, which also
        // makes a class path, so an archive key, of this test's own.
        final String classPath = jarredClassPath();
        final List<String> before = archives();
        try (ChildJvm first = ChildJvm.builder(Hello.class).classPath(classPath).classDataSharing(true)
            .logDirectory(dir.path()).keepLog().start())
        {
            first.awaitSuccess(Duration.ofSeconds(60));
            assertTrue(first.log().contains("hello []"), first.log());
        }
        final List<String> made = archives();
        made.removeAll(before);
        assertEquals(1, made.size(), "archives made: " + made);
        assertTrue(made.get(0).endsWith(".jsa"), made.toString());
        final Path archive = ClassDataArchive.directory().orElseThrow().resolve(made.get(0));
        try (ChildJvm second = ChildJvm.builder(Hello.class).classPath(classPath).classDataSharing(true)
            .args("again").jvmArgs("-Xlog:class+load=info").logDirectory(dir.path()).keepLog().start())
        {
            second.awaitSuccess(Duration.ofSeconds(60));
            final String log = second.log();
            assertTrue(log.contains("hello [again]"), log);
            assertTrue(log.contains("ChildJvmStartTest$Hello source: shared objects file"), log);
        }
        finally
        {
            Files.deleteIfExists(archive);
        }
        assertFalse(ClassDataArchive.none().flags().iterator().hasNext());
    }

    /** Prints the JVM flags it was started with. */
    static final class FlagPrinter
    {
        public static void main(final String[] args)
        {
            System.out.println("flags=" + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
    }

    /** Started with {@code java -jar}: starts a {@link FlagPrinter} child and prints its log. */
    static final class JarParent
    {
        public static void main(final String[] args) throws Exception
        {
            try (ChildJvm child = ChildJvm.builder(FlagPrinter.class).logDirectory(Path.of(args[0])).keepLog().start())
            {
                child.awaitSuccess(Duration.ofSeconds(60));
                System.out.print(child.log());
            }
        }
    }

    /**
     * Issue 20.5: a parent with native access from its jar's manifest (no flag on its command line) passes
     * {@code --enable-native-access=ALL-UNNAMED} to its children. Needs a JDK 22+; runs the parent on the JDK 25
     * of this machine if there is one.
     */
    @Test
    void nativeAccessFromAManifestTravelsToChildren() throws Exception
    {
        final Path java25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java25), "no JDK 25 at " + java25);
        final StringBuilder classPath = new StringBuilder();
        for (final String entry : jarredClassPath().split(java.io.File.pathSeparator))
        {
            classPath.append(Path.of(entry).toUri()).append(' ');
        }
        final Path jar = dir.resolve("parent.jar");
        final java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        final java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(java.util.jar.Attributes.Name.MAIN_CLASS, JarParent.class.getName());
        main.put(java.util.jar.Attributes.Name.CLASS_PATH, classPath.toString().strip());
        main.putValue("Add-Exports", "java.base/jdk.internal.misc");
        main.putValue("Enable-Native-Access", "ALL-UNNAMED");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar),
            manifest))
        {
            out.flush();
        }
        final Process parent = new ProcessBuilder(java25.toString(), "-jar", jar.toString(), dir.path().toString())
            .redirectErrorStream(true).start();
        final String output = new String(parent.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(parent.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, parent.exitValue(), output);
        assertTrue(output.contains("--enable-native-access=ALL-UNNAMED"), output);
        assertFalse(output.contains("restricted method"), output);
    }

    @Test
    void aClassPathWithDirectoriesStartsWithoutAnArchive() throws Exception
    {
        final List<String> before = archives();
        try (ChildJvm child = ChildJvm.builder(Hello.class).classDataSharing(true).logDirectory(dir.path()).start())
        {
            child.awaitSuccess(Duration.ofSeconds(60));
        }
        assertEquals(before, archives());
    }

    private String jarredClassPath() throws IOException
    {
        final List<String> entries = new java.util.ArrayList<>();
        int n = 0;
        for (final String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        {
            final Path path = Path.of(entry);
            if (!Files.isDirectory(path))
            {
                entries.add(entry);
                continue;
            }
            final Path jar = dir.resolve("classes-" + n++ + "-" + System.nanoTime() + ".jar");
            try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(path))
            {
                for (final Path file : (Iterable<Path>)files.filter(Files::isRegularFile)::iterator)
                {
                    final String name = path.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                    out.putNextEntry(new java.util.jar.JarEntry(name));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
            entries.add(jar.toString());
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static List<String> archives() throws IOException
    {
        final Path directory = ClassDataArchive.directory().orElseThrow();
        if (!Files.isDirectory(directory))
        {
            return new java.util.ArrayList<>();
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jsa"))
                .collect(Collectors.toList());
        }
    }
}

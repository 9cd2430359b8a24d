package dev.shmem.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which archive a child is given: the JVM maps an archive only if every jar is the one it was dumped from, so a
 * rebuilt jar must get a new archive instead of running without one from then on.
 */
class ClassDataArchiveTest
{
    @Test
    void aRebuiltJarGetsANewArchiveAndAnUnchangedOneKeepsIts(@TempDir final Path dir) throws IOException
    {
        final Path jar = dir.resolve("app.jar");
        Files.write(jar, new byte[] { 'P', 'K', 5, 6 });
        final String first = archiveFor(jar);
        assertEquals(first, archiveFor(jar), "the same jar, the same archive");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        final String rebuilt = archiveFor(jar);
        assertNotEquals(first, rebuilt, "a jar with another modification time gets another archive");
        Files.write(jar, new byte[] { 'P', 'K', 5, 6, 0 });
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 4_000));
        assertNotEquals(rebuilt, archiveFor(jar), "a jar of another size gets another archive");
    }

    @Test
    void makingANewArchiveKeepsOnlyTheNewestOnes(@TempDir final Path dir) throws IOException
    {
        final Path archives = ClassDataArchive.directory().orElseThrow();
        final List<Path> stale = new java.util.ArrayList<>();
        for (int i = 0; i < ClassDataArchive.KEEP + 4; i++)
        {
            final Path old = archives.resolve("shm-prune-test-" + i + ".jsa");
            Files.write(old, new byte[] { 1 });
            // Older than any real archive: these go first.
            Files.setLastModifiedTime(old, FileTime.fromMillis(1_000_000L + i));
            stale.add(old);
        }
        final Path jar = dir.resolve("fresh.jar");
        Files.write(jar, new byte[] { 'P', 'K', 5, 6, 7 });
        archiveFor(jar);
        try (java.util.stream.Stream<Path> files = Files.list(archives))
        {
            final long left = files.filter(f -> f.toString().endsWith(".jsa")).count();
            assertTrue(left < ClassDataArchive.KEEP, left + " archives left");
        }
        assertTrue(Files.notExists(stale.get(0)), "the oldest archive is removed");
        for (final Path old : stale)
        {
            Files.deleteIfExists(old);
        }
    }

    @Test
    void aClassPathWithADirectoryGetsNoArchive(@TempDir final Path dir)
    {
        final ClassDataArchive archive = ClassDataArchive.forCommand(List.of("java", "-cp", dir.toString()),
            dir.toString());
        assertTrue(archive.flags().isEmpty(), archive.flags().toString());
    }

    /** @return the name of the archive a child of this class path would map or dump ({@code shm-KEY.jsa}). */
    private static String archiveFor(final Path jar)
    {
        final ClassDataArchive archive = ClassDataArchive.forCommand(List.of("java", "-cp", jar.toString()),
            jar.toString());
        try
        {
            final String flag = archive.flags().stream()
                .filter(f -> f.startsWith("-XX:SharedArchiveFile=") || f.startsWith("-XX:ArchiveClassesAtExit="))
                .findFirst().orElseThrow(() -> new AssertionError("no archive flag in " + archive.flags()));
            final String name = Path.of(flag.substring(flag.indexOf('=') + 1)).getFileName().toString();
            return name.substring(0, name.indexOf(".jsa") + 4);
        }
        finally
        {
            // Releases the dump lock of JDK 17/18 (no child dumped anything).
            archive.childExited();
        }
    }
}

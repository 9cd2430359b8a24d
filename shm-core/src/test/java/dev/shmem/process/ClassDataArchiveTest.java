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
        final FileTime sameTime = Files.getLastModifiedTime(jar);
        Files.write(jar, new byte[] { 'P', 'K', 5, 6, 0 });
        Files.setLastModifiedTime(jar, sameTime);
        assertNotEquals(rebuilt, archiveFor(jar), "a jar of another size (same time) gets another archive");
    }

    @Test
    void pruningKeepsOnlyTheNewestArchives(@TempDir final Path dir) throws IOException
    {
        final List<Path> archives = new java.util.ArrayList<>();
        for (int i = 0; i < ClassDataArchive.KEEP + 4; i++)
        {
            final Path archive = dir.resolve("shm-" + i + ".jsa");
            Files.write(archive, new byte[] { 1 });
            Files.setLastModifiedTime(archive, FileTime.fromMillis(1_000_000_000L + 1_000L * i));
            archives.add(archive);
        }
        final Path other = Files.write(dir.resolve("shm-0.jsa.lock"), new byte[0]);
        ClassDataArchive.prune(dir);
        // Room for the archive about to be made: KEEP - 1 are left, the newest.
        for (int i = 0; i < archives.size(); i++)
        {
            assertEquals(i >= archives.size() - (ClassDataArchive.KEEP - 1), Files.exists(archives.get(i)),
                "archive " + i + " of " + archives.size());
        }
        assertTrue(Files.exists(other), "only archives are pruned");
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

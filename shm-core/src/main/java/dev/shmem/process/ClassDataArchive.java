package dev.shmem.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An application class-data-sharing archive for child JVMs (JDK's AppCDS): the classes a child loads are dumped
 * by the first child started with a given java, class path and flags, and the children after it map them instead
 * of loading and verifying them again, which shortens their start. The archive lives in
 * {@code java.io.tmpdir/shm-cds-UID/KEY.jsa} (a directory only this user may write; the newest
 * {@value #KEEP} archives are kept), KEY a hash of what the archive depends on: the JVM, its flags (but
 * {@code -Xlog}), the class path, and the size and modification time of each of its jars (a rebuilt jar gets a
 * new archive).
 *
 * <p>JDK 19 and later: {@code -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=...}, which also recreates a
 * stale archive. JDK 17 and 18: the first child gets {@code -XX:ArchiveClassesAtExit} to a temporary file (one child
 * at a time, by a lock file), renamed into place once it has exited normally; a child killed before it exits
 * leaves no archive, and the next child tries again. In every case the child runs without an archive where one
 * cannot be used ({@code -Xshare:auto}), and CDS log messages are off, so failing is silent. Only a class path of
 * jar files can be archived (a JVM asked to archive classes from a directory exits with an error): with a
 * directory on it, as in a build's test run, children start without an archive.
 */
final class ClassDataArchive
{
    private static final Duration STALE_LOCK = Duration.ofMinutes(5);
    /** Archives kept in the directory (one per java, flags and class path in use). */
    static final int KEEP = 16;
    private static final int AUTO_CREATE_FEATURE = 19;
    private static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final List<String> flags;
    private final Path pending;
    private final Path archive;
    private final Path lock;

    private ClassDataArchive(final List<String> flags, final Path pending, final Path archive, final Path lock)
    {
        this.flags = flags;
        this.pending = pending;
        this.archive = archive;
        this.lock = lock;
    }

    /**
     * @return no archive: no flags, nothing to do after the child.
     */
    static ClassDataArchive none()
    {
        return new ClassDataArchive(List.of(), null, null, null);
    }

    /**
     * @param command   the child's command line up to its main class: java, JVM flags, class path.
     * @param classPath the child's class path.
     * @return the archive flags for that child: none if the class path has anything but jar files (the JVM
     * refuses to archive classes from directories, and would exit with an error), or no archive directory can be
     * made.
     */
    static ClassDataArchive forCommand(final List<String> command, final String classPath)
    {
        for (final String entry : classPath.split(java.io.File.pathSeparator))
        {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry)))
            {
                return none();
            }
        }
        final Optional<Path> made = directory();
        if (made.isEmpty())
        {
            return none();
        }
        final Path directory = made.get();
        final String key;
        try
        {
            key = key(command, classPath);
        }
        catch (final IOException ex)
        {
            return none();
        }
        final Path archive = directory.resolve(key + ".jsa");
        if (!Files.isRegularFile(archive))
        {
            prune(directory);
        }
        final List<String> flags = new ArrayList<>(QUIET);
        if (Runtime.version().feature() >= AUTO_CREATE_FEATURE)
        {
            flags.add("-XX:+AutoCreateSharedArchive");
            flags.add("-XX:SharedArchiveFile=" + archive);
            return new ClassDataArchive(flags, null, null, null);
        }
        if (Files.isRegularFile(archive))
        {
            flags.add("-XX:SharedArchiveFile=" + archive);
            return new ClassDataArchive(flags, null, null, null);
        }
        final Path lock = directory.resolve(archive.getFileName() + ".lock");
        if (!claim(lock))
        {
            // Another child is dumping it now.
            return none();
        }
        final Path pending = directory.resolve(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
        flags.add("-XX:ArchiveClassesAtExit=" + pending);
        return new ClassDataArchive(flags, pending, archive, lock);
    }

    /**
     * @return the JVM flags to add before the main class.
     */
    List<String> flags()
    {
        return flags;
    }

    /**
     * After the child has exited: moves an archive it dumped into place and releases the dump lock. Quiet: an
     * archive that cannot be kept is simply made again by a later child.
     */
    void childExited()
    {
        if (pending == null)
        {
            return;
        }
        try
        {
            if (Files.isRegularFile(pending) && Files.size(pending) > 0)
            {
                Files.move(pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.deleteIfExists(pending);
            Files.deleteIfExists(lock);
        }
        catch (final IOException ex)
        {
            System.getLogger("dev.shmem").log(System.Logger.Level.DEBUG, "class-data archive not kept: " + ex);
        }
    }

    /**
     * @return where archives are kept: {@code java.io.tmpdir/shm-cds-UID}, a {@link PrivateTempDirectory} (a
     * JVM trusts the archive it maps).
     */
    static Optional<Path> directory()
    {
        return PrivateTempDirectory.of("shm-cds");
    }

    /**
     * Before a new archive is made: removes all but the {@link #KEEP} newest archives of {@code directory}, so
     * that a jar rebuilt many times (a new key each time) does not fill the temporary directory. Removing one a
     * child maps is harmless (the mapping stays); a later child makes it again. Quiet, as everything here.
     *
     * @param directory where the archives are.
     */
    static void prune(final Path directory)
    {
        final Map<Path, Long> archives = new HashMap<>();
        try (Stream<Path> files = Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (file.getFileName().toString().endsWith(".jsa"))
                {
                    // Read once: a comparator reading the clock of files others rewrite could contradict itself.
                    archives.put(file, Files.getLastModifiedTime(file).toMillis());
                }
            }
            final List<Path> oldestFirst = new ArrayList<>(archives.keySet());
            oldestFirst.sort(Comparator.comparing(archives::get));
            for (final Path old : oldestFirst.subList(0, Math.max(0, oldestFirst.size() - (KEEP - 1))))
            {
                Files.deleteIfExists(old);
            }
        }
        catch (final IOException | UncheckedIOException ex)
        {
            System.getLogger("dev.shmem").log(System.Logger.Level.DEBUG, "class-data archives not pruned: " + ex);
        }
    }

    private static boolean claim(final Path lock)
    {
        try
        {
            Files.createFile(lock);
            return true;
        }
        catch (final FileAlreadyExistsException ex)
        {
            try
            {
                final FileTime modified = Files.getLastModifiedTime(lock);
                if (modified.toInstant().isBefore(Instant.now().minus(STALE_LOCK)))
                {
                    // Left by a child killed while dumping: take it over.
                    Files.setLastModifiedTime(lock, FileTime.from(Instant.now()));
                    return true;
                }
            }
            catch (final IOException ignored)
            {
                // Gone or unreadable: no archive this time.
            }
            return false;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * The archive's name: a hash of the JVM, the command and, for each jar of the class path, its size and
     * modification time, which the JVM checks before it maps an archive (a rebuilt jar with the key of its old
     * archive would run without CDS from then on, silently).
     */
    private static String key(final List<String> command, final String classPath) throws IOException
    {
        try
        {
            final MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (final String entry : classPath.split(java.io.File.pathSeparator))
            {
                final Path jar = Path.of(entry);
                digest.update((Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis() + ";")
                    .getBytes(StandardCharsets.UTF_8));
            }
            digest.update(System.getProperty("java.vm.version", "").getBytes(StandardCharsets.UTF_8));
            for (final String part : command)
            {
                if (part.startsWith("-Xlog"))
                {
                    // Logging changes nothing in the archive.
                    continue;
                }
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte)0);
            }
            return "shm-" + HexFormat.of().formatHex(digest.digest(), 0, 12);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }
}

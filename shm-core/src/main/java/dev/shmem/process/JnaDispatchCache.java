package dev.shmem.process;

import com.sun.jna.Platform;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * A copy of JNA's native dispatch library ({@code libjnidispatch.so}) that child JVMs load through
 * {@code -Djna.boot.library.path}, instead of extracting it from the jar into a new temporary file at every start
 * (and seeding a {@code SecureRandom} to name that file): about 15 ms of a child's start on a 2-CPU machine.
 *
 * <p>The copy lives in {@code java.io.tmpdir/shm-jna-UID/SHA256/}, {@code SHA256} the hash of the library in
 * JNA's jar, so a JNA upgrade gets its own copy. The first parent that needs it writes it to a temporary file
 * and renames it into place (a reader never sees a partial library). {@code shm-jna-UID} is a
 * {@link PrivateTempDirectory}: where it cannot be trusted, or anything fails, there is no flag, and the child
 * loads JNA as JNA does by default. Linux only.
 */
final class JnaDispatchCache
{
    private static volatile Optional<Path> directory;

    private JnaDispatchCache()
    {
    }

    /**
     * @param childClassPath the class path of the child JVM.
     * @return the directory holding this JVM's JNA library, made on the first call of this JVM; empty where
     * there is none, or where the child's class path does not hold the jar this JVM's JNA comes from (a child
     * with another JNA version would refuse this library and fail to load JNA at all).
     */
    static Optional<Path> directoryFor(final String childClassPath)
    {
        final Path jar = jnaJar();
        if (jar == null)
        {
            return Optional.empty();
        }
        for (final String entry : childClassPath.split(File.pathSeparator))
        {
            if (!entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize().equals(jar))
            {
                return directory();
            }
        }
        return Optional.empty();
    }

    /**
     * @return the jar (or directory) this JVM's JNA classes come from, or null if it cannot be told.
     */
    private static Path jnaJar()
    {
        try
        {
            final CodeSource source = Platform.class.getProtectionDomain().getCodeSource();
            return source == null || source.getLocation() == null ? null :
                Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        }
        catch (final URISyntaxException | IllegalArgumentException | SecurityException |
            java.nio.file.FileSystemNotFoundException ex)
        {
            return null;
        }
    }

    /**
     * @return the directory holding the library, made on the first call of this JVM; empty where there is none.
     */
    static Optional<Path> directory()
    {
        Optional<Path> known = directory;
        if (known == null)
        {
            synchronized (JnaDispatchCache.class)
            {
                known = directory;
                if (known == null)
                {
                    known = make();
                    directory = known;
                }
            }
        }
        return known;
    }

    private static Optional<Path> make()
    {
        if (!Platform.isLinux())
        {
            return Optional.empty();
        }
        final String name = System.mapLibraryName("jnidispatch");
        final String resource = "/com/sun/jna/" + Platform.RESOURCE_PREFIX + "/" + name;
        try (InputStream in = Platform.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                return Optional.empty();
            }
            final byte[] library = in.readAllBytes();
            final Optional<Path> base = PrivateTempDirectory.of("shm-jna");
            if (base.isEmpty())
            {
                return Optional.empty();
            }
            final String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library));
            final Path dir = base.get().resolve(hash);
            Files.createDirectories(dir);
            final Path file = dir.resolve(name);
            // A copy is used only if it holds exactly the jar's bytes (compared, not only sized).
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != library.length ||
                !Arrays.equals(Files.readAllBytes(file), library))
            {
                final Path pending = dir.resolve(name + "." + UUID.randomUUID() + ".tmp");
                try
                {
                    Files.write(pending, library);
                    Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                finally
                {
                    Files.deleteIfExists(pending);
                }
            }
            return Optional.of(dir);
        }
        catch (final IOException | NoSuchAlgorithmException | UnsupportedOperationException | SecurityException ex)
        {
            System.getLogger("dev.shmem").log(System.Logger.Level.DEBUG, "no JNA library copy for children: " + ex);
            return Optional.empty();
        }
    }
}

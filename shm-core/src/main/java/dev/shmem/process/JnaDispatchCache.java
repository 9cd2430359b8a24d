package dev.shmem.process;

import com.sun.jna.Platform;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A copy of JNA's native dispatch library ({@code libjnidispatch.so}) that child JVMs load through
 * {@code -Djna.boot.library.path}, instead of extracting it from the jar into a new temporary file at every start
 * (and seeding a {@code SecureRandom} to name that file): about 15 ms of a child's start on a 2-CPU machine.
 *
 * <p>The copy lives in {@code java.io.tmpdir/shm-jna-USER/SHA256/}, {@code SHA256} the hash of the library in
 * JNA's jar, so a JNA upgrade gets its own copy. The first parent that needs it writes it to a temporary file
 * and renames it into place (a reader never sees a partial library). The {@code shm-jna-USER} directory must be
 * a real directory owned by this user that no one else may write (it is created with mode 700): anything else,
 * or any failure, means no flag, and the child loads JNA as JNA does by default. Linux only.
 */
final class JnaDispatchCache
{
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static volatile Optional<Path> directory;

    private JnaDispatchCache()
    {
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
            final Path base = Path.of(System.getProperty("java.io.tmpdir"), "shm-jna-" + System.getProperty("user.name"));
            if (!ownedByThisUserOnly(base))
            {
                return Optional.empty();
            }
            final Path dir = base.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(library)));
            Files.createDirectories(dir);
            final Path file = dir.resolve(name);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != library.length)
            {
                final Path pending = dir.resolve(name + "." + UUID.randomUUID() + ".tmp");
                Files.write(pending, library);
                Files.move(pending, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(dir);
        }
        catch (final IOException | NoSuchAlgorithmException | UnsupportedOperationException | SecurityException ex)
        {
            System.getLogger("dev.shmem").log(System.Logger.Level.DEBUG, "no JNA library copy for children: " + ex);
            return Optional.empty();
        }
    }

    private static boolean ownedByThisUserOnly(final Path base) throws IOException
    {
        try
        {
            Files.createDirectory(base, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        catch (final FileAlreadyExistsException ex)
        {
            // Checked below, as a directory made by this JVM is.
        }
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS))
        {
            return false;
        }
        final Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(base, LinkOption.NOFOLLOW_LINKS);
        return Files.getOwner(base, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name")) &&
            !permissions.contains(PosixFilePermission.GROUP_WRITE) &&
            !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }
}

package dev.shmem.process;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * A directory under {@code java.io.tmpdir} that only this user can write, for what children load and trust (a
 * class-data archive, JNA's native library): {@code java.io.tmpdir/PREFIX-USER}, created with mode 700. An
 * existing one is used only if it is a real directory (not a symbolic link), owned by this user, that neither
 * its group nor others may write; otherwise there is none, and the caller does without.
 */
final class PrivateTempDirectory
{
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private PrivateTempDirectory()
    {
    }

    /**
     * @param prefix the directory's name before "-USER".
     * @return the directory, made if needed; empty where it cannot be made or trusted.
     */
    static Optional<Path> of(final String prefix)
    {
        final String user = System.getProperty("user.name");
        final Path directory = Path.of(System.getProperty("java.io.tmpdir"), prefix + "-" + user);
        try
        {
            try
            {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            catch (final FileAlreadyExistsException ex)
            {
                // Checked below, as one this call made is.
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS))
            {
                return Optional.empty();
            }
            final Set<PosixFilePermission> permissions =
                Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
            final boolean trusted = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).getName().equals(user) &&
                !permissions.contains(PosixFilePermission.GROUP_WRITE) &&
                !permissions.contains(PosixFilePermission.OTHERS_WRITE);
            return trusted ? Optional.of(directory) : Optional.empty();
        }
        catch (final IOException | UnsupportedOperationException | SecurityException ex)
        {
            System.getLogger("dev.shmem").log(System.Logger.Level.DEBUG, "no private directory " + directory +
                ": " + ex);
            return Optional.empty();
        }
    }
}

package dev.shmem.process;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A directory under {@code java.io.tmpdir} that only this user can write, for what children load and trust (a
 * class-data archive, JNA's native library): {@code java.io.tmpdir/PREFIX-UID}, created with mode 700. It is used
 * only if it is a real directory (not a symbolic link) owned by this process's uid that neither its group nor
 * others may write, in a {@code java.io.tmpdir} that others cannot rename it out of (not writable by others, or
 * sticky as {@code /tmp} is); otherwise there is none, and the caller does without. Unix only (uids).
 */
final class PrivateTempDirectory
{
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final int OTHERS_WRITE = 0002;
    private static final int STICKY = 01000;
    private static volatile Integer uid;

    private PrivateTempDirectory()
    {
    }

    /**
     * @param prefix the directory's name before "-UID".
     * @return the directory, made if needed; empty where it cannot be made or trusted.
     */
    static Optional<Path> of(final String prefix)
    {
        final Path parent = Path.of(System.getProperty("java.io.tmpdir"));
        try
        {
            final int self = uid(parent);
            final Path directory = parent.resolve(prefix + "-" + self);
            try
            {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            }
            catch (final FileAlreadyExistsException ex)
            {
                // Checked below, as one this call made is.
            }
            final int parentMode = (Integer)Files.getAttribute(parent, "unix:mode");
            final boolean parentSafe = (parentMode & OTHERS_WRITE) == 0 || (parentMode & STICKY) != 0;
            final boolean trusted = parentSafe && Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) &&
                (Integer)Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS) == self &&
                ((Integer)Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS) &
                GROUP_OR_OTHERS_WRITE) == 0;
            return trusted ? Optional.of(directory) : Optional.empty();
        }
        catch (final IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException |
            SecurityException ex)
        {
            System.getLogger("dev.shmem").log(System.Logger.Level.DEBUG, "no private directory under " + parent +
                " for " + prefix + ": " + ex);
            return Optional.empty();
        }
    }

    /**
     * @return this process's uid: the owner of a file it has just created (no passwd entry needed, unlike the
     * owner's name, which containers with arbitrary uids do not have).
     */
    private static int uid(final Path parent) throws IOException
    {
        Integer known = uid;
        if (known == null)
        {
            final Path probe = Files.createTempFile(parent, "shm-uid-", ".tmp");
            try
            {
                known = (Integer)Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            }
            finally
            {
                Files.deleteIfExists(probe);
            }
            uid = known;
        }
        return known;
    }
}

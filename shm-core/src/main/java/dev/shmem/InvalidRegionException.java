package dev.shmem;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown by the {@link SharedRegion} factories when a file is not a region this library can open: empty,
 * truncated, foreign (wrong magic), of a newer format version, of another byte order, with a header whose
 * offsets disagree with its capacity, or never finished by its creator. The file is left untouched.
 */
public final class InvalidRegionException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    /**
     * @param path the file.
     * @param message what was found and what was expected.
     */
    public InvalidRegionException(final Path path, final String message)
    {
        super(path + ": " + message);
        this.path = path;
    }

    /**
     * @return the file that was refused.
     */
    public Path path()
    {
        return path;
    }
}

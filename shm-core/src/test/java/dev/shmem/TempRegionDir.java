package dev.shmem;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh directory for region files per test, under {@code /dev/shm} where it exists, removed afterwards.
 * Register with {@code @RegisterExtension final TempRegionDir dir = new TempRegionDir();}.
 */
public final class TempRegionDir implements BeforeEachCallback, AfterEachCallback
{
    private Path dir;

    /**
     * @return a directory on tmpfs where available.
     * @throws IOException if it cannot be created.
     */
    public static Path createRoot() throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ?
            Files.createTempDirectory(shm, "shm-test-") : Files.createTempDirectory("shm-test-");
    }

    @Override
    public void beforeEach(final ExtensionContext context) throws IOException
    {
        dir = createRoot();
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        deleteRecursively(dir);
    }

    /**
     * @param name file name.
     * @return a path in this test's directory (not created).
     */
    public Path resolve(final String name)
    {
        return dir.resolve(name);
    }

    /**
     * @return this test's directory.
     */
    public Path path()
    {
        return dir;
    }

    /**
     * @param root directory to remove with everything below it (links are removed, not followed).
     */
    public static void deleteRecursively(final Path root)
    {
        if (root == null || !Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p ->
            {
                try
                {
                    Files.deleteIfExists(p);
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}

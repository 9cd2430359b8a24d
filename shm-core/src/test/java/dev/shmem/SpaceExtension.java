package dev.shmem;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;

/**
 * A fresh {@link SharedSpace} per test, closed afterwards: what the backend-neutral conformance suites of the
 * coordination primitives run on. {@link #region()} gives a mapped region in a temporary directory; another
 * backend passes its own {@link Opener}.
 */
final class SpaceExtension implements BeforeEachCallback, AfterEachCallback
{
    /** Opens a space for one test. */
    @FunctionalInterface
    interface Opener
    {
        /**
         * @param dir a fresh temporary directory (deleted after the test).
         * @return the space.
         * @throws Exception if it cannot be opened.
         */
        SharedSpace open(Path dir) throws Exception;
    }

    private final Opener opener;
    private Path dir;
    private SharedSpace space;

    private SpaceExtension(final Opener opener)
    {
        this.opener = opener;
    }

    /**
     * @param opener how to open the space.
     * @return the extension.
     */
    static SpaceExtension of(final Opener opener)
    {
        return new SpaceExtension(opener);
    }

    /**
     * @return an extension opening a 4 MiB {@link SharedRegion}.
     */
    static SpaceExtension region()
    {
        return of(dir -> SharedRegion.create(dir.resolve("space.shm"), 4 << 20));
    }

    @Override
    public void beforeEach(final ExtensionContext context) throws Exception
    {
        dir = TempRegionDir.createRoot();
        space = opener.open(dir);
    }

    @Override
    public void afterEach(final ExtensionContext context) throws Exception
    {
        try
        {
            if (space != null)
            {
                space.close();
            }
        }
        finally
        {
            TempRegionDir.deleteRecursively(dir);
        }
    }

    /**
     * @return the space of the running test.
     */
    SharedSpace get()
    {
        return space;
    }
}

package dev.shmem;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fresh {@link SharedSpace} for one conformance test, and how to dispose of it: the backend-neutral suites
 * ({@link ValueConformanceTest}, {@link ArrayConformanceTest}, {@link LockConformanceTest},
 * {@link SemaphoreConformanceTest}, {@link QueueConformanceTest} and their subclasses) take one per test, so that
 * each backend runs the same tests by naming its fixture.
 */
public interface SpaceFixture extends AutoCloseable
{
    /**
     * @return the space under test, empty when the test starts.
     */
    SharedSpace space();

    /**
     * Scales a contended operation count written for the mapped backend (millions of operations per second) to
     * this backend's speed, keeping every test's behaviour and its check.
     *
     * @param mappedCount the count on the mapped backend.
     * @return the count to use here (at least 1).
     */
    default int scaled(final int mappedCount)
    {
        return mappedCount;
    }

    /**
     * Closes the space and removes what the fixture made for it.
     */
    @Override
    void close();

    /**
     * @return a {@link SharedRegion} of 4 MiB in a fresh temporary directory, removed on close.
     * @throws IOException if the directory or the region cannot be created.
     */
    static SpaceFixture region() throws IOException
    {
        final Path dir = TempRegionDir.createRoot();
        final SharedRegion region = SharedRegion.create(dir.resolve("conformance.shm"), 4 << 20);
        return new SpaceFixture()
        {
            @Override
            public SharedSpace space()
            {
                return region;
            }

            @Override
            public void close()
            {
                region.close();
                TempRegionDir.deleteRecursively(dir);
            }
        };
    }
}

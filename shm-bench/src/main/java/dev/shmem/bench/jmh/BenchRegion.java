package dev.shmem.bench.jmh;

import dev.shmem.SharedRegion;
import dev.shmem.bench.BenchFiles;
import dev.shmem.bench.RawRegionAccess;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A fresh region file for one benchmark trial, in {@code /dev/shm} when available; {@link #close} closes it and
 * deletes the file. Benchmark states create one in {@code @Setup(Level.Trial)} and close it in
 * {@code @TearDown(Level.Trial)}.
 */
public final class BenchRegion implements AutoCloseable
{
    /** Capacity of benchmark regions: room for hundreds of entries. */
    public static final long CAPACITY = 4L << 20;

    private final Path path;
    private final SharedRegion region;

    private BenchRegion(final Path path, final SharedRegion region)
    {
        this.path = path;
        this.region = region;
    }

    /**
     * @param label part of the file name.
     * @return a new region.
     * @throws IOException if it cannot be created.
     */
    public static BenchRegion create(final String label) throws IOException
    {
        final Path path = BenchFiles.newPath(BenchFiles.defaultDirectory(), label, ".shm");
        return new BenchRegion(path, SharedRegion.create(path, CAPACITY));
    }

    /**
     * @return the open region.
     */
    public SharedRegion region()
    {
        return region;
    }

    /**
     * @param entryName an existing entry.
     * @return raw access to its memory through a second mapping of the file.
     * @throws IOException if the file cannot be mapped again.
     */
    public RawRegionAccess raw(final String entryName) throws IOException
    {
        return RawRegionAccess.of(path, entryName);
    }

    @Override
    public void close()
    {
        region.close();
        BenchFiles.deleteQuietly(path);
    }
}

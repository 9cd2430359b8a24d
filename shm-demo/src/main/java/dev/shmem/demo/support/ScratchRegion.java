package dev.shmem.demo.support;

import dev.shmem.SharedRegion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh region for one demo run, under {@code /dev/shm} (or the temporary directory where there is none),
 * removed when closed and also if the JVM is stopped with Ctrl-C ({@link Interruption}). The children of the run open it by its
 * {@link #path()}.
 */
public final class ScratchRegion implements AutoCloseable
{
    private final SharedRegion region;

    private ScratchRegion(final SharedRegion region)
    {
        this.region = region;
        Interruption.removeOnInterrupt(region.path());
    }

    /**
     * @param demo     the demo's name, part of the file name.
     * @param capacity the region's capacity in bytes.
     * @return the created region.
     * @throws IOException if it cannot be created.
     */
    public static ScratchRegion create(final String demo, final long capacity) throws IOException
    {
        final Path shm = Path.of("/dev/shm");
        final Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm : Path.of(System.getProperty("java.io.tmpdir"));
        final Path path = dir.resolve("shm-demo-" + demo + "-" + ProcessHandle.current().pid() + "-" +
            Long.toHexString(System.nanoTime()) + ".shm");
        return new ScratchRegion(SharedRegion.create(path, capacity));
    }

    /**
     * @return the region.
     */
    public SharedRegion region()
    {
        return region;
    }

    /**
     * @return its file, for the children.
     */
    public Path path()
    {
        return region.path();
    }

    /**
     * Closes the region and removes its file.
     */
    @Override
    public void close()
    {
        region.close();
        delete(region.path());
        Interruption.forget(region.path());
    }

    private static void delete(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            System.err.println("shm-demo: could not remove region " + path + ": " + ex);
        }
    }
}

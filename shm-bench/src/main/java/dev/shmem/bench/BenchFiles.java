package dev.shmem.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where benchmarks put their region files: {@code /dev/shm} (memory, like the library's default) when it is a
 * writable directory, else {@code java.io.tmpdir}. Names carry the pid and a counter, so concurrent runs never
 * share a file.
 */
public final class BenchFiles
{
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private BenchFiles()
    {
    }

    /**
     * @return {@code /dev/shm} if it is a writable directory, else {@code java.io.tmpdir}.
     */
    public static Path defaultDirectory()
    {
        final Path shm = Path.of("/dev/shm");
        if (Files.isDirectory(shm) && Files.isWritable(shm))
        {
            return shm;
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * @param directory where the file will be.
     * @param label     part of the name, e.g. the benchmark's name.
     * @param suffix    file suffix, e.g. {@code ".shm"}.
     * @return a path that does not exist yet (the file is not created).
     */
    public static Path newPath(final Path directory, final String label, final String suffix)
    {
        return directory.resolve("shm-bench-" + ProcessHandle.current().pid() + "-" +
            SEQUENCE.incrementAndGet() + "-" + label + suffix);
    }

    /**
     * Deletes a file if it exists, reporting (not throwing) a failure: used in tear-downs that must go on.
     *
     * @param path the file.
     */
    public static void deleteQuietly(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            System.err.println("could not delete " + path + ": " + ex);
        }
    }
}

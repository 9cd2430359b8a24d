package dev.shmem.stress;

import dev.shmem.SharedRegion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The region files of one test JVM: every jcstress test works on real mapped files made here, in
 * {@link StressFiles#directory()} ({@code /dev/shm} where possible).
 *
 * <p>Files are removed three ways, so they never pile up: {@link #retire} deletes a file as soon as its region is
 * no longer needed; a shutdown hook deletes the files of this JVM still there when it exits (jcstress forks end
 * with a normal exit or {@code System.exit}); and the first use in a JVM deletes files left by JVMs that are no
 * longer running (a fork killed with {@code SIGKILL} runs no hook). The suite runner fails a run that leaves any.
 *
 * <p>Thread-safe.
 */
public final class StressRegions
{
    /** Capacity of each region: the smallest allowed, which has the most directory records per byte (64). */
    public static final long CAPACITY = 64 * 1024;

    private static final long PID = ProcessHandle.current().pid();
    private static final Path DIRECTORY = StressFiles.directory();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static
    {
        StressFiles.leftovers(DIRECTORY).forEach(StressRegions::delete);
        Runtime.getRuntime().addShutdownHook(new Thread(StressRegions::deleteLive, "shm-jcstress-cleanup"));
    }

    private StressRegions()
    {
    }

    /**
     * Creates a new region file of {@link #CAPACITY} bytes, registered for deletion.
     *
     * @return the open region.
     * @throws UncheckedIOException if the file cannot be created.
     */
    public static SharedRegion create()
    {
        return create(CAPACITY);
    }

    /**
     * Creates a new region file of the given capacity, registered for deletion.
     *
     * @param capacity bytes of the file.
     * @return the open region.
     * @throws UncheckedIOException if the file cannot be created.
     */
    public static SharedRegion create(final long capacity)
    {
        final Path path = DIRECTORY.resolve(StressFiles.fileName(PID, SEQUENCE.incrementAndGet()));
        LIVE.add(path);
        try
        {
            return SharedRegion.create(path, capacity);
        }
        catch (final IOException ex)
        {
            LIVE.remove(path);
            throw new UncheckedIOException("cannot create stress region " + path, ex);
        }
    }

    /**
     * Closes the region and deletes its file. Handles obtained from it stay valid (they keep the mapping), but
     * nothing whose result counts may use them any more.
     *
     * @param region a region made by {@link #create}.
     */
    public static void retire(final SharedRegion region)
    {
        region.close();
        delete(region.path());
    }

    /**
     * @return the number of region files of this JVM that exist now.
     */
    public static int liveFiles()
    {
        return LIVE.size();
    }

    private static void deleteLive()
    {
        List.copyOf(LIVE).forEach(StressRegions::delete);
    }

    private static void delete(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
            LIVE.remove(path);
        }
        catch (final IOException ex)
        {
            System.err.println("shm-stress: cannot delete " + path + ": " + ex);
        }
    }
}

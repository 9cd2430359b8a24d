package dev.shmem.bench.runner;

import dev.shmem.SharedRegion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ChildScenario} sees in the parent (runner) JVM: the scenario's fresh region, before the
 * children start ({@code prepare}) and after they have finished ({@code verify}).
 */
public final class ParentContext
{
    private final SharedRegion region;
    private final int processes;
    private final List<Path> files = new ArrayList<>();

    ParentContext(final SharedRegion region, final int processes)
    {
        this.region = region;
        this.processes = processes;
    }

    /**
     * @return the scenario's region (a new file for every scenario run).
     */
    public SharedRegion region()
    {
        return region;
    }

    /**
     * @return number of children.
     */
    public int processes()
    {
        return processes;
    }

    /**
     * An extra file of the scenario next to its region file, deleted after the run; the children find it with
     * {@link WorkerContext#file(String)}.
     *
     * @param suffix e.g. {@code ".flock"}.
     * @return its path (not created).
     */
    public Path file(final String suffix)
    {
        final Path path = Path.of(region.path() + suffix);
        files.add(path);
        return path;
    }

    List<Path> files()
    {
        return files;
    }
}

package dev.shmem.demo.counter;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a race produced: the modes that finished and the children that failed.
 *
 * @param config   what was run.
 * @param region   the region file used.
 * @param children the child JVMs.
 * @param results  results of the modes that finished, in run order.
 * @param failures children that failed; empty for a successful race.
 */
public record RaceOutcome(RaceConfig config, Path region, List<ChildInfo> children, List<ModeResult> results,
    List<ChildFailure> failures)
{
    /**
     * Copies the lists.
     */
    public RaceOutcome
    {
        children = List.copyOf(children);
        results = List.copyOf(results);
        failures = List.copyOf(failures);
    }

    /**
     * @return true if every mode finished and every child exited with status 0.
     */
    public boolean ok()
    {
        return failures.isEmpty() && results.size() == config.modes().size();
    }
}

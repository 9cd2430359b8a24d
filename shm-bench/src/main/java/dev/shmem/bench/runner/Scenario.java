package dev.shmem.bench.runner;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * One measured scenario of the cross-process runner. Most scenarios extend {@link ChildScenario} (N child JVMs
 * calling one operation) or use {@link PythonScenario}; a scenario of another shape (a blocked waiter whose CPU
 * time is measured, say) implements this interface directly. Register it in
 * {@link dev.shmem.bench.runner.scenarios.Scenarios}.
 */
public interface Scenario
{
    /**
     * @return short unique name, used by {@code --scenarios} and by targets, e.g. {@code "atomic"}.
     */
    String name();

    /**
     * @return one line saying what is measured.
     */
    String description();

    /**
     * @return the scenario this one is compared with in the table's ratio column, if any.
     */
    default Optional<String> baseline()
    {
        return Optional.empty();
    }

    /**
     * @return the targets and comparisons this scenario is the subject of.
     */
    default List<Target> targets()
    {
        return List.of();
    }

    /**
     * Runs the scenario. Every wait must be bounded; every process started must be gone when this returns.
     *
     * @param settings the run's settings.
     * @param log      where to print progress.
     * @return the result; {@link ScenarioResult#skipped} if a prerequisite is missing.
     * @throws Exception if the scenario fails; the runner records it as failed and goes on with the next.
     */
    ScenarioResult run(RunSettings settings, PrintStream log) throws Exception;
}

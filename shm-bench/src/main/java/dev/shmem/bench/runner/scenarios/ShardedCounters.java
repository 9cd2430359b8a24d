package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLong;
import dev.shmem.bench.runner.ChildReport;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.Target;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;

import java.util.List;
import java.util.Optional;

/**
 * Every process increments its own {@link SharedLong} entry ({@code sharded.N}; entries are created one after
 * another, so they are adjacent, {@code ENTRY_ALIGNMENT} bytes apart): the cost of an atomic increment when no
 * other process touches the cache line, i.e. what a per-process counter summed at the end buys over one shared
 * counter. Checks every counter against its process's operations.
 */
public final class ShardedCounters extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "sharded";
    private static final String PREFIX = "sharded.";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "SharedLong.incrementAndGet(), one counter entry per process (adjacent entries)";
    }

    @Override
    public Optional<String> baseline()
    {
        return Optional.of(AtomicIncrement.NAME);
    }

    @Override
    public List<Target> targets()
    {
        return List.of(Target.ratio(NAME, AtomicIncrement.NAME));
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        for (int i = 0; i < context.processes(); i++)
        {
            context.region().longValue(PREFIX + i);
        }
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        final SharedLong counter = context.region().longValue(PREFIX + context.index());
        return counter::incrementAndGet;
    }

    @Override
    protected void verify(final ParentContext context, final List<ChildReport> reports)
    {
        for (final ChildReport report : reports)
        {
            expectEqual("counter " + PREFIX + report.index(), report.totalOps(),
                context.region().longValue(PREFIX + report.index()).get());
        }
    }
}

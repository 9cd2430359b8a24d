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
 * Every process increments one {@link SharedLong} with {@code incrementAndGet()}. Compared with {@link RawGetAndAdd}
 * on the same kind of slot: target {@code atomic / raw >= 0.9}. Checks that no increment was lost.
 */
public final class AtomicIncrement extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "atomic";
    private static final String ENTRY = "atomic.counter";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "SharedLong.incrementAndGet(), every process on one counter";
    }

    @Override
    public Optional<String> baseline()
    {
        return Optional.of(RawGetAndAdd.NAME);
    }

    @Override
    public List<Target> targets()
    {
        return List.of(
            Target.ratioAtLeast(NAME, RawGetAndAdd.NAME, 0.9),
            Target.ratio(NAME, Scenarios.PYTHON_VALUE_LOCK),
            Target.ratio(NAME, FileLockIncrement.NAME));
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        context.region().longValue(ENTRY);
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        final SharedLong counter = context.region().longValue(ENTRY);
        return counter::incrementAndGet;
    }

    @Override
    protected void verify(final ParentContext context, final List<ChildReport> reports)
    {
        expectEqual("counter " + ENTRY, totalOps(reports), context.region().longValue(ENTRY).get());
    }
}

package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedSemaphore;
import dev.shmem.bench.runner.ChildReport;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.HandoffCounter;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.Target;
import dev.shmem.bench.runner.WaitGapMeter;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every process runs {@code acquire(); release()} pairs on one {@link SharedSemaphore} of 1 permit, like
 * Python's {@code Semaphore(1)} baseline. Target: {@code >= 5x} Python. Counts handoffs; checks that the permit
 * is back at the end.
 */
public final class SemaphorePairs extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "semaphore";
    private static final String SEMAPHORE = "semaphore.sem";
    private static final String HOLDER = "semaphore.holder";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "SharedSemaphore(1).acquire(); release(), every process on one semaphore";
    }

    @Override
    public Optional<String> baseline()
    {
        return Optional.of(Scenarios.PYTHON_SEMAPHORE);
    }

    @Override
    public List<Target> targets()
    {
        return List.of(
            Target.ratioAtLeast(NAME, JucSemaphorePairs.NAME, 1.0),
            Target.ratioAtLeast(NAME, Scenarios.PYTHON_SEMAPHORE, 5));
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        context.region().semaphore(SEMAPHORE, 1);
        context.region().longValue(HOLDER);
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        final SharedSemaphore semaphore = context.region().semaphore(SEMAPHORE, 1);
        final HandoffCounter handoffs = new HandoffCounter(context.region(), HOLDER, context.index());
        final WaitGapMeter gaps = new WaitGapMeter("p" + context.index());
        return new Worker()
        {
            @Override
            public void operation() throws InterruptedException
            {
                semaphore.acquire();
                try
                {
                    handoffs.acquired();
                }
                finally
                {
                    semaphore.release();
                }
                gaps.acquired();
            }

            @Override
            public Map<String, Long> counters()
            {
                final Map<String, Long> counters = new HashMap<>(handoffs.counters());
                counters.putAll(gaps.counters());
                return counters;
            }
        };
    }

    @Override
    protected void verify(final ParentContext context, final List<ChildReport> reports)
    {
        expectEqual("available permits of " + SEMAPHORE, 1,
            context.region().semaphore(SEMAPHORE, 1).availablePermits());
    }
}

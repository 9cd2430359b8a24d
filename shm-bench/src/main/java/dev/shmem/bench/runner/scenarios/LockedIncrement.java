package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
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
import java.util.concurrent.locks.Lock;

/**
 * Every process runs {@code lock(); counter.setPlain(counter.getPlain() + 1); unlock()} with one
 * {@link SharedLock} (plain accesses: the lock orders them): the
 * shm equivalent of Python's {@code with value.get_lock(): value.value += 1}. Targets: {@code >= 30x} Python and
 * {@code >= 30x FileChannel.lock()}. Counts handoffs; checks that no increment was lost.
 */
public final class LockedIncrement extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "locked";
    private static final String LOCK = "locked.lock";
    private static final String COUNTER = "locked.counter";
    private static final String HOLDER = "locked.holder";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "SharedLock around counter.setPlain(counter.getPlain() + 1), every process on one lock";
    }

    @Override
    public Optional<String> baseline()
    {
        return Optional.of(Scenarios.PYTHON_VALUE_LOCK);
    }

    @Override
    public List<Target> targets()
    {
        return List.of(
            Target.ratioAtLeast(NAME, JucLockIncrement.NAME, 1.0),
            Target.ratioAtLeast(NAME, Scenarios.PYTHON_VALUE_LOCK, 30),
            Target.ratioAtLeast(NAME, FileLockIncrement.NAME, 30));
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        context.region().lock(LOCK);
        context.region().longValue(COUNTER);
        context.region().longValue(HOLDER);
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        final SharedLock lock = context.region().lock(LOCK);
        final SharedLong counter = context.region().longValue(COUNTER);
        final HandoffCounter handoffs = new HandoffCounter(context.region(), HOLDER, context.index());
        final WaitGapMeter gaps = new WaitGapMeter("p" + context.index());
        return new Worker()
        {
            @Override
            public void operation()
            {
                increment(lock, handoffs, counter);
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

    /**
     * The loop body, shared with the j.u.c baseline so both measure the same thing.
     *
     * @param lock     the lock.
     * @param handoffs the acquiring thread's handoff counter.
     * @param counter  the counter the lock guards.
     */
    static void increment(final Lock lock, final HandoffCounter handoffs, final SharedLong counter)
    {
        lock.lock();
        try
        {
            handoffs.acquired();
            counter.setPlain(counter.getPlain() + 1);
        }
        finally
        {
            lock.unlock();
        }
    }

    @Override
    protected void verify(final ParentContext context, final List<ChildReport> reports)
    {
        expectEqual("counter " + COUNTER, totalOps(reports), context.region().longValue(COUNTER).get());
    }
}

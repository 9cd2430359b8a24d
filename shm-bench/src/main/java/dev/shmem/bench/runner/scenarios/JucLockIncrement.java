package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLong;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.WorkerContext;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The j.u.c baseline of {@link LockedIncrement}: two threads of one JVM run its loop ({@link
 * LockedIncrement#increment}) on one non-fair {@link ReentrantLock}.
 */
public final class JucLockIncrement extends TwoThreadBaseline
{
    /** Scenario name. */
    public static final String NAME = "juc.lock";
    private static final String COUNTER = "juc.lock.counter";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "ReentrantLock (non-fair) around the same increment, 2 threads of one JVM";
    }

    @Override
    String holderEntry()
    {
        return "juc.lock.holder";
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        super.prepare(context);
        context.region().longValue(COUNTER);
    }

    @Override
    Body body(final WorkerContext context)
    {
        final ReentrantLock lock = new ReentrantLock();
        final SharedLong counter = context.region().longValue(COUNTER);
        return handoffs -> LockedIncrement.increment(lock, handoffs, counter);
    }
}

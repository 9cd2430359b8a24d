package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLong;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.HandoffCounter;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.RunSettings;
import dev.shmem.bench.runner.WaitGapMeter;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The j.u.c baseline of {@link LockedIncrement}: two threads of one JVM run the same loop ({@code lock();
 * handoffs; counter.setPlain(counter.getPlain() + 1); unlock()} plus one {@code nanoTime}) on one non-fair
 * {@link ReentrantLock}. The harness thread is one party; a second thread started by the worker is the other, and
 * its operations are added to the rate ({@link #extraOpsCounter()}).
 */
public final class JucLockIncrement extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "juc.lock";
    private static final String COUNTER = "juc.lock.counter";
    private static final String HOLDER = "juc.lock.holder";
    private static final String PEER_OPS = "peer.ops";

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
    protected int processes(final RunSettings settings)
    {
        return 1;
    }

    @Override
    protected String extraOpsCounter()
    {
        return PEER_OPS;
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        context.region().longValue(COUNTER);
        context.region().longValue(HOLDER);
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        final ReentrantLock lock = new ReentrantLock();
        final SharedLong counter = context.region().longValue(COUNTER);
        final HandoffCounter handoffs = new HandoffCounter(context.region(), HOLDER, 0);
        final HandoffCounter peerHandoffs = new HandoffCounter(context.region(), HOLDER, 1);
        final WaitGapMeter gaps = new WaitGapMeter("t0");
        final AtomicLong peerOps = new AtomicLong();
        final Thread peer = new Thread(() ->
        {
            while (!context.isStopping())
            {
                lock.lock();
                try
                {
                    peerHandoffs.acquired();
                    counter.setPlain(counter.getPlain() + 1);
                }
                finally
                {
                    lock.unlock();
                }
                System.nanoTime();
                peerOps.lazySet(peerOps.get() + 1);
            }
        }, "juc-peer");
        peer.setDaemon(true);
        peer.start();
        return new Worker()
        {
            @Override
            public void operation()
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
                gaps.acquired();
            }

            @Override
            public Map<String, Long> counters()
            {
                final Map<String, Long> counters = new HashMap<>(gaps.counters());
                lock.lock();
                try
                {
                    counters.put("handoffs", handoffs.handoffs() + peerHandoffs.handoffs());
                }
                finally
                {
                    lock.unlock();
                }
                counters.put(PEER_OPS, peerOps.get());
                return counters;
            }

            @Override
            public void close() throws InterruptedException
            {
                peer.join(10_000);
            }
        };
    }
}

package dev.shmem.bench.runner.scenarios;

import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.HandoffCounter;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.RunSettings;
import dev.shmem.bench.runner.WaitGapMeter;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The j.u.c baseline of {@link SemaphorePairs}: two threads of one JVM run the same {@code acquire(); handoffs;
 * release()} loop (plus one {@code nanoTime}) on one {@link Semaphore} of 1 permit (non-fair). The harness thread
 * is one party, a thread started by the worker the other; its operations are added to the rate.
 */
public final class JucSemaphorePairs extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "juc.semaphore";
    private static final String HOLDER = "juc.semaphore.holder";
    private static final String PEER_OPS = "peer.ops";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "java.util.concurrent.Semaphore(1).acquire(); release(), 2 threads of one JVM";
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
        context.region().longValue(HOLDER);
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        final Semaphore semaphore = new Semaphore(1);
        final HandoffCounter handoffs = new HandoffCounter(context.region(), HOLDER, 0);
        final HandoffCounter peerHandoffs = new HandoffCounter(context.region(), HOLDER, 1);
        final WaitGapMeter gaps = new WaitGapMeter("t0");
        final AtomicLong peerOps = new AtomicLong();
        final Thread peer = new Thread(() ->
        {
            while (!context.isStopping())
            {
                semaphore.acquireUninterruptibly();
                try
                {
                    peerHandoffs.acquired();
                }
                finally
                {
                    semaphore.release();
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
                final Map<String, Long> counters = new HashMap<>(gaps.counters());
                semaphore.acquireUninterruptibly();
                try
                {
                    counters.put("handoffs", handoffs.handoffs() + peerHandoffs.handoffs());
                }
                finally
                {
                    semaphore.release();
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

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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A j.u.c baseline measured in the same run as its cross-process counterpart: one child JVM whose harness thread
 * and one more thread run the same loop body (the counterpart's, plus the same {@link WaitGapMeter} call) on a
 * primitive of that JVM. The second thread's operations are added to the rate ({@link #extraOpsCounter()}).
 */
abstract class TwoThreadBaseline extends ChildScenario
{
    private static final String PEER_OPS = "peer.ops";

    /** The loop body: one acquisition of the JVM-local primitive, counting handoffs while it is held. */
    @FunctionalInterface
    interface Body
    {
        void run(HandoffCounter handoffs) throws InterruptedException;
    }

    /**
     * @return the holder entry of the handoff counters.
     */
    abstract String holderEntry();

    /**
     * Child side: the body both threads run, on one primitive it creates.
     *
     * @param context the child's view of the run.
     * @return the body.
     */
    abstract Body body(WorkerContext context);

    @Override
    protected final int processes(final RunSettings settings)
    {
        return 1;
    }

    @Override
    protected final String extraOpsCounter()
    {
        return PEER_OPS;
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        context.region().longValue(holderEntry());
    }

    @Override
    public final Worker worker(final WorkerContext context)
    {
        final Body body = body(context);
        final HandoffCounter handoffs = new HandoffCounter(context.region(), holderEntry(), 0);
        final HandoffCounter peerHandoffs = new HandoffCounter(context.region(), holderEntry(), 1);
        final WaitGapMeter gaps = new WaitGapMeter("t0");
        final AtomicLong peerOps = new AtomicLong();
        final Thread peer = new Thread(() ->
        {
            final WaitGapMeter peerGaps = new WaitGapMeter("t1");
            try
            {
                while (!context.isStopping())
                {
                    body.run(peerHandoffs);
                    peerGaps.acquired();
                    // Single writer: a release store is enough for the harness thread's reads.
                    peerOps.lazySet(peerOps.get() + 1);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "baseline-peer");
        peer.setDaemon(true);
        peer.start();
        return new Worker()
        {
            @Override
            public void operation() throws InterruptedException
            {
                body.run(handoffs);
                gaps.acquired();
            }

            @Override
            public Map<String, Long> counters()
            {
                final Map<String, Long> counters = new HashMap<>(gaps.counters());
                // The peer's handoff count is read without its lock: a benchmark figure, off by at most a few.
                counters.put("handoffs", handoffs.handoffs() + peerHandoffs.handoffs());
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

package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.RunSettings;
import dev.shmem.bench.runner.Target;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Wake-up latency of a parked waiter: two processes take turns with one {@link SharedLock}. The holder keeps it
 * for {@value #HOLD_MICROS} us (sleeping), long enough for the other process, blocked in {@code lock()}, to finish
 * spinning and sleep in the kernel (futex); it then writes {@code System.nanoTime()} and unlocks, and the waiter
 * records {@code nanoTime()} at its acquisition minus that stamp: the unlock's futex wake, the kernel's wake-up
 * of the sleeping thread and its re-acquisition. After unlocking, the holder waits until the other process has the
 * lock before it asks again, so every acquisition is a handoff to a parked waiter. {@code System.nanoTime()} is
 * {@code CLOCK_MONOTONIC} on Linux, one clock for all processes. Always 2 processes. Target: p50 {@code <= 10 us}.
 */
public final class LockPingPong extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "pingpong";
    /** How long a holder keeps the lock. */
    public static final long HOLD_MICROS = 200;

    private static final String LOCK = "pingpong.lock";
    private static final String RELEASED_AT = "pingpong.releasedAt";
    private static final String HOLDER = "pingpong.holder";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "SharedLock handed between 2 processes, waiter parked: unlock-to-acquire latency";
    }

    @Override
    public List<Target> targets()
    {
        return List.of(Target.latencyAtMost(NAME, 50.0, Duration.ofNanos(10_000)));
    }

    @Override
    protected int processes(final RunSettings settings)
    {
        return 2;
    }

    @Override
    protected LatencyMode latencyMode()
    {
        return LatencyMode.WORKER;
    }

    @Override
    protected int batchSize()
    {
        return 8;
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        context.region().lock(LOCK);
        context.region().longValue(RELEASED_AT);
        context.region().longValue(HOLDER);
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        return new Turns(context);
    }

    /**
     * One side of the ping-pong.
     */
    private static final class Turns implements Worker
    {
        private final WorkerContext context;
        private final SharedLock lock;
        private final SharedLong releasedAt;
        private final SharedLong holder;
        private final Histogram latency;
        private final long me;
        private long handoffs;

        Turns(final WorkerContext context)
        {
            this.context = context;
            this.lock = context.region().lock(LOCK);
            this.releasedAt = context.region().longValue(RELEASED_AT);
            this.holder = context.region().longValue(HOLDER);
            this.latency = context.latency();
            this.me = context.index() + 1L;
        }

        @Override
        public void operation()
        {
            lock.lock();
            try
            {
                final long acquiredAt = System.nanoTime();
                if (holder.get() != me)
                {
                    final long stamp = releasedAt.get();
                    if (stamp != 0)
                    {
                        latency.recordValue(Math.max(0, acquiredAt - stamp));
                    }
                    holder.set(me);
                    handoffs++;
                }
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(HOLD_MICROS));
                // Volatile write before the unlock: read by the next holder after its acquire.
                releasedAt.set(System.nanoTime());
            }
            finally
            {
                lock.unlock();
            }
            // Let the other process take it, so that our next lock() waits for it and is woken in turn.
            while (holder.get() == me && !context.isStopping())
            {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(20));
            }
        }

        @Override
        public Map<String, Long> counters()
        {
            return Map.of("handoffs", handoffs);
        }
    }
}

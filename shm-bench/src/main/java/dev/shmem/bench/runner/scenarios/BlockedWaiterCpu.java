package dev.shmem.bench.runner.scenarios;

import dev.shmem.SharedLock;
import dev.shmem.bench.runner.ChildReport;
import dev.shmem.bench.runner.ChildScenario;
import dev.shmem.bench.runner.ParentContext;
import dev.shmem.bench.runner.RunSettings;
import dev.shmem.bench.runner.Target;
import dev.shmem.bench.runner.Worker;
import dev.shmem.bench.runner.WorkerContext;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time of blocked waiters: process 0 takes a {@link SharedLock} before the run and keeps it (sleeping) until
 * the run stops; every other process waits for it with {@code tryLock(}{@value #WAIT_MILLIS}{@code  ms)} in a loop,
 * i.e. it is blocked the whole measurement. Each waiter reports the CPU time of its waiting thread
 * ({@code ThreadMXBean}) and of its whole JVM ({@code OperatingSystemMXBean.getProcessCpuTime}, which includes the
 * JVM's own background threads) over the window; metrics {@code waiterThreadCpu%} and {@code waiterProcessCpu%}
 * are the averages per waiter, in percent of one core. At least 2 processes, whatever {@code --processes} says. Target: {@code waiterThreadCpu% <= 2}. Its ops/s (the
 * holder's 10 ms naps and the waiters' timeouts) mean nothing.
 */
public final class BlockedWaiterCpu extends ChildScenario
{
    /** Scenario name. */
    public static final String NAME = "blocked-cpu";
    /** A waiter's tryLock timeout. */
    public static final long WAIT_MILLIS = 50;
    /** Metric: CPU of a waiting thread, percent of one core. */
    public static final String THREAD_CPU = "waiterThreadCpu%";
    /** Metric: CPU of a waiting JVM, percent of one core. */
    public static final String PROCESS_CPU = "waiterProcessCpu%";

    private static final String LOCK = "blocked.lock";
    private static final String THREAD_NANOS = "threadCpuNanos";
    private static final String PROCESS_NANOS = "processCpuNanos";
    private static final String ACQUIRED = "acquired";

    @Override
    public String name()
    {
        return NAME;
    }

    @Override
    public String description()
    {
        return "CPU time of processes blocked on a SharedLock held by another (tryLock(50 ms) loop)";
    }

    @Override
    public List<Target> targets()
    {
        return List.of(Target.metricAtMost(NAME, THREAD_CPU, 2.0));
    }

    @Override
    protected int processes(final RunSettings settings)
    {
        // A holder and at least one waiter.
        return Math.max(2, settings.processes());
    }

    @Override
    protected int batchSize()
    {
        return 1;
    }

    @Override
    protected void prepare(final ParentContext context)
    {
        if (context.processes() < 2)
        {
            throw new IllegalArgumentException("blocked-cpu needs at least 2 processes, got " + context.processes());
        }
        context.region().lock(LOCK);
    }

    @Override
    public Worker worker(final WorkerContext context)
    {
        final SharedLock lock = context.region().lock(LOCK);
        return context.index() == 0 ? new Holder(context, lock) : new Waiter(lock);
    }

    @Override
    protected void verify(final ParentContext context, final List<ChildReport> reports)
    {
        for (final ChildReport report : reports)
        {
            // A waiter may get the lock once, when the holder lets it go at the stop; never before.
            if (report.counters().getOrDefault(ACQUIRED, 0L) > 1)
            {
                throw new IllegalStateException("waiter " + report.index() + " acquired the lock " +
                    report.counters().get(ACQUIRED) + " times while it was held");
            }
        }
    }

    @Override
    protected void addMetrics(final List<ChildReport> reports, final Map<String, Double> metrics)
    {
        double thread = 0;
        double process = 0;
        int waiters = 0;
        for (final ChildReport report : reports)
        {
            if (report.counters().containsKey(THREAD_NANOS))
            {
                thread += 100.0 * report.counters().get(THREAD_NANOS) / report.measuredNanos();
                process += 100.0 * report.counters().get(PROCESS_NANOS) / report.measuredNanos();
                waiters++;
            }
        }
        if (waiters > 0)
        {
            metrics.put(THREAD_CPU, thread / waiters);
            metrics.put(PROCESS_CPU, process / waiters);
        }
    }

    /**
     * Process 0: takes the lock at set-up (before the others are ready) and keeps it until the stop.
     */
    private static final class Holder implements Worker
    {
        private final WorkerContext context;
        private final SharedLock lock;

        Holder(final WorkerContext context, final SharedLock lock)
        {
            this.context = context;
            this.lock = lock;
            lock.lock();
        }

        @Override
        public void operation()
        {
            if (lock.isHeldByCurrentThread() && context.isStopping())
            {
                lock.unlock();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }

        @Override
        public void close()
        {
            if (lock.isHeldByCurrentThread())
            {
                lock.unlock();
            }
        }
    }

    /**
     * The others: blocked on the lock, measuring their own CPU time.
     */
    private static final class Waiter implements Worker
    {
        private final SharedLock lock;
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
        private long acquired;

        Waiter(final SharedLock lock)
        {
            this.lock = lock;
        }

        @Override
        public void operation() throws InterruptedException
        {
            if (lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS))
            {
                acquired++;
                lock.unlock();
            }
        }

        @Override
        public Map<String, Long> counters()
        {
            return Map.of(THREAD_NANOS, threads.getCurrentThreadCpuTime(), PROCESS_NANOS, os.getProcessCpuTime(),
                ACQUIRED, acquired);
        }
    }
}

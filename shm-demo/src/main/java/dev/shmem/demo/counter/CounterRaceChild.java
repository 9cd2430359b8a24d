package dev.shmem.demo.counter;

import dev.shmem.SharedRegion;
import dev.shmem.SharedSpace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The main class of a {@code counter-race} child JVM, started by {@link RaceRunner} through
 * {@link dev.shmem.process.ChildJvm}. For each mode in turn it warms the mode's code up on a private region, sets its ready
 * flag, waits for the parent's start signal, adds its increments the mode's way and publishes its progress; then it
 * exits with status 0.
 *
 * <h2>Failure modes</h2>
 * The wait for a start signal is bounded by the parent's timeout (plus a margin) and ends early if the parent
 * process is gone; both throw {@link IllegalStateException}, which {@code ChildJvm} reports to the parent. An
 * injected {@link Fault} throws, or stops making progress, half-way through the first mode.
 */
public final class CounterRaceChild
{
    private static final long PARENT_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long GO_MARGIN_MILLIS = 30_000;
    private static final long HANG_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long WARM_UP_INCREMENTS = 200_000;
    private static final long WARM_UP_CAPACITY = 64 * 1024;

    private CounterRaceChild()
    {
    }

    /**
     * @param args see {@link ChildArgs}.
     * @throws Exception if the region cannot be opened or the race cannot proceed (reported to the parent).
     */
    public static void main(final String[] args) throws Exception
    {
        final ChildArgs config = ChildArgs.parse(args);
        final List<String> modes = config.modeNames();
        try (SharedSpace region = RaceSpace.open(config.region(), config.zookeeper()))
        {
            for (int m = 0; m < modes.size(); m++)
            {
                final CounterStrategy mode = CounterModes.forName(modes.get(m));
                warmUp(mode, config);
                final RaceControl control = RaceControl.of(region, mode.name(), config.processes());
                final CounterStrategy.Worker worker = mode.worker(region, config.index(), config.processes());
                control.markReady(config.index());
                awaitStart(control, config);
                run(worker, control, config, config.increments(), m == 0 ? config.fault() : Fault.NONE);
            }
        }
    }

    /**
     * @param race the race's region file.
     * @param index a child's index.
     * @return the private region that child warms up in, next to the race's region.
     */
    static Path warmUpRegion(final Path race, final int index)
    {
        return race.resolveSibling(race.getFileName() + ".warmup-" + index);
    }

    /**
     * Runs the mode's code on a private region of this child, so that the timed run measures compiled code rather
     * than the interpreter and the JIT compiler (which would otherwise dominate a run of a million increments).
     */
    private static void warmUp(final CounterStrategy mode, final ChildArgs config) throws IOException
    {
        final Path path = warmUpRegion(config.region(), config.index());
        try (SharedRegion region = SharedRegion.create(path, WARM_UP_CAPACITY))
        {
            mode.create(region, config.processes());
            final RaceControl control = RaceControl.of(region, mode.name(), config.processes());
            run(mode.worker(region, config.index(), config.processes()), control, config,
                Math.min(config.increments(), WARM_UP_INCREMENTS), Fault.NONE);
        }
        finally
        {
            Files.deleteIfExists(path);
        }
    }

    private static void run(final CounterStrategy.Worker worker, final RaceControl control, final ChildArgs config,
        final long increments, final Fault fault)
    {
        final long faultAt = increments / 2;
        long done = 0;
        while (done < increments)
        {
            if (fault != Fault.NONE && done >= faultAt)
            {
                inject(fault, control, config, done);
            }
            final long batch = Math.min(RaceControl.BATCH, increments - done);
            worker.add(batch);
            done += batch;
            control.publishProgress(config.index(), done);
        }
    }

    private static void awaitStart(final RaceControl control, final ChildArgs config)
    {
        final long start = System.nanoTime();
        final long limit = TimeUnit.MILLISECONDS.toNanos(config.timeoutMillis() + GO_MARGIN_MILLIS);
        long nextParentCheck = start + PARENT_CHECK_NANOS;
        int spins = 0;
        while (!control.started())
        {
            final long now = System.nanoTime();
            if (now - start > limit)
            {
                throw new IllegalStateException("child " + config.index() + ": no start signal for mode " +
                    control.mode() + " within " + TimeUnit.NANOSECONDS.toMillis(limit) + " ms");
            }
            if (now - nextParentCheck >= 0)
            {
                nextParentCheck = now + PARENT_CHECK_NANOS;
                checkParent(config);
            }
            spins = backoff(spins);
        }
    }

    private static void inject(final Fault fault, final RaceControl control, final ChildArgs config, final long done)
    {
        if (fault == Fault.THROW)
        {
            throw new IllegalStateException("injected failure (--fail-child " + config.index() + ") in mode " +
                control.mode() + " after " + done + " increments");
        }
        final long start = System.nanoTime();
        while (System.nanoTime() - start < HANG_LIMIT_NANOS)
        {
            checkParent(config);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        throw new IllegalStateException("injected hang (--hang-child " + config.index() + ") was not ended by " +
            "the parent within " + TimeUnit.NANOSECONDS.toMinutes(HANG_LIMIT_NANOS) + " minutes");
    }

    private static void checkParent(final ChildArgs config)
    {
        final boolean alive = ProcessHandle.of(config.parentPid()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive)
        {
            throw new IllegalStateException("child " + config.index() + ": parent pid " + config.parentPid() +
                " is gone; giving up");
        }
    }

    private static int backoff(final int spins)
    {
        if (spins < 100)
        {
            Thread.onSpinWait();
        }
        else if (spins < 200)
        {
            Thread.yield();
        }
        else
        {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(20));
        }
        return spins + 1;
    }
}

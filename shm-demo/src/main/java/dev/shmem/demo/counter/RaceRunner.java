package dev.shmem.demo.counter;

import dev.shmem.process.ChildJvm;
import dev.shmem.SharedSpace;
import dev.shmem.demo.support.Interruption;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * Runs a counter race in the parent: creates the region and every mode's entries, starts the child JVMs
 * ({@link CounterRaceChild}), and for each mode waits until every child is ready, gives the start signal, polls the
 * children's progress until all have finished, and reads the final count.
 *
 * <h2>Failure modes</h2>
 * Every wait (children getting ready, each mode, children exiting) is bounded by {@link RaceConfig#timeout()}.
 * A child that dies, exits early or times out ends the race: it is recorded as a {@link ChildFailure} (pid,
 * reason, the exception it reported, its log file), every child still running is killed, and the outcome carries
 * the modes that finished before. The region file is removed afterwards (also on Ctrl-C, by {@link Interruption}) unless the config keeps
 * it; the logs of children named as failed are kept, the others are removed.
 */
public final class RaceRunner
{
    /** Capacity of a race region: a few KiB per mode are used even with 64 children. */
    public static final long REGION_CAPACITY = 1 << 20;

    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long LIVENESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final String[] CHILD_JVM_FLAGS = { "-Xmx64m", "-XX:+UseSerialGC" };

    private final RaceConfig config;
    private final RaceListener listener;

    /**
     * @param config   what to run.
     * @param listener hears progress.
     */
    public RaceRunner(final RaceConfig config, final RaceListener listener)
    {
        this.config = config;
        this.listener = listener;
    }

    /**
     * Runs the race.
     *
     * @return the results, and the failures if a child failed.
     * @throws IOException          if the region cannot be created or a child cannot be started.
     * @throws InterruptedException if this thread is interrupted (the children are killed).
     */
    public RaceOutcome run() throws IOException, InterruptedException
    {
        final Path path = config.region();
        // Created before anything is registered for removal: a path that already exists is refused, never deleted.
        final SharedSpace created = RaceSpace.create(path, config.zookeeper());
        if (!config.keepRegion())
        {
            Interruption.removeOnInterrupt(path);
        }
        for (int i = 0; i < config.processes(); i++)
        {
            Interruption.removeOnInterrupt(CounterRaceChild.warmUpRegion(path, i));
        }
        try (SharedSpace region = created)
        {
            final List<RaceControl> controls = new ArrayList<>();
            for (final CounterStrategy mode : config.modes())
            {
                mode.create(region, config.processes());
                controls.add(RaceControl.of(region, mode.name(), config.processes()));
            }
            final List<ChildJvm> children = new ArrayList<>();
            final List<ChildFailure> failures = new ArrayList<>();
            try
            {
                startChildren(path, children);
                listener.childrenStarted(infos(children));
                final List<ModeResult> results = race(region, controls, children, failures);
                if (failures.isEmpty())
                {
                    awaitExit(children, failures);
                }
                return new RaceOutcome(config, path, infos(children), results, failures);
            }
            finally
            {
                stop(children, failures);
                for (int i = 0; i < config.processes(); i++)
                {
                    // A killed child leaves its warm-up region behind.
                    deleteRegion(CounterRaceChild.warmUpRegion(path, i));
                    Interruption.forget(CounterRaceChild.warmUpRegion(path, i));
                }
            }
        }
        finally
        {
            if (!config.keepRegion())
            {
                deleteRegion(path);
                Interruption.forget(path);
            }
        }
    }

    private void startChildren(final Path path, final List<ChildJvm> children) throws IOException
    {
        final String modes = String.join(",", names(config.modes()));
        for (int index = 0; index < config.processes(); index++)
        {
            final Fault fault = index == config.faultChild() ? config.fault() : Fault.NONE;
            final ChildJvm.Builder builder = ChildJvm.builder(CounterRaceChild.class)
                .jvmArgs(CHILD_JVM_FLAGS)
                .args(new ChildArgs(path, index, config.processes(), config.increments(), modes,
                    config.timeout().toMillis(), ProcessHandle.current().pid(), fault, config.zookeeper()).toArgs());
            if (config.logDirectory() != null)
            {
                builder.logDirectory(config.logDirectory());
            }
            children.add(builder.start());
        }
    }

    private List<ModeResult> race(final SharedSpace region, final List<RaceControl> controls,
        final List<ChildJvm> children, final List<ChildFailure> failures) throws InterruptedException
    {
        final List<ModeResult> results = new ArrayList<>();
        for (int m = 0; m < config.modes().size(); m++)
        {
            final CounterStrategy mode = config.modes().get(m);
            final RaceControl control = controls.get(m);
            final String phase = "mode " + mode.name();
            if (!await(children, control, failures, phase, -1, control::isReady,
                "did not get ready for " + phase))
            {
                return results;
            }
            final long start = System.nanoTime();
            control.start();
            final long increments = config.increments();
            if (!await(children, control, failures, phase, start, i -> control.progressOf(i) >= increments,
                "did not finish " + phase))
            {
                return results;
            }
            final long elapsed = System.nanoTime() - start;
            final ModeResult result = new ModeResult(mode.name(), mode.description(), config.expected(),
                mode.total(region, config.processes()), elapsed);
            results.add(result);
            listener.modeFinished(result);
        }
        return results;
    }

    /**
     * Polls until every child satisfies {@code done}, a child fails, or the timeout passes.
     *
     * @return true if every child got there; false with the failures added otherwise.
     */
    private boolean await(final List<ChildJvm> children, final RaceControl control, final List<ChildFailure> failures,
        final String phase, final long progressStart, final IntPredicate done, final String timeoutReason)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + config.timeout().toNanos();
        long nextLiveness = System.nanoTime();
        long nextProgress = System.nanoTime() + PROGRESS_INTERVAL_NANOS;
        while (true)
        {
            if (countDone(children.size(), done) == children.size())
            {
                return true;
            }
            final long now = System.nanoTime();
            if (now - nextLiveness >= 0)
            {
                nextLiveness = now + LIVENESS_INTERVAL_NANOS;
                if (collectDead(children, done, phase, failures))
                {
                    return false;
                }
            }
            if (progressStart >= 0 && now - nextProgress >= 0)
            {
                nextProgress = now + PROGRESS_INTERVAL_NANOS;
                listener.progress(control.mode(), control.totalProgress(), config.expected(), now - progressStart);
            }
            if (now - deadline >= 0)
            {
                for (int i = 0; i < children.size(); i++)
                {
                    if (!done.test(i))
                    {
                        final String at = progressStart >= 0 ? " (at " + control.progressOf(i) + " of " +
                            config.increments() + " increments)" : "";
                        failures.add(new ChildFailure(info(children, i), phase, timeoutReason + " within " +
                            config.timeout().toSeconds() + " s" + at + " and was killed",
                            children.get(i).failure().orElse(null)));
                    }
                }
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted())
            {
                throw new InterruptedException("counter-race interrupted during " + phase);
            }
        }
    }

    private static int countDone(final int children, final IntPredicate done)
    {
        int count = 0;
        for (int i = 0; i < children; i++)
        {
            if (done.test(i))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Records children that exited with a non-zero status, or with status 0 before reaching {@code done}.
     *
     * @return true if any was found.
     */
    private static boolean collectDead(final List<ChildJvm> children, final IntPredicate done, final String phase,
        final List<ChildFailure> failures)
    {
        boolean found = false;
        for (int i = 0; i < children.size(); i++)
        {
            final ChildJvm child = children.get(i);
            if (child.isAlive())
            {
                continue;
            }
            final int status = child.exitValue();
            if (status != 0 || !done.test(i))
            {
                failures.add(new ChildFailure(info(children, i), phase, describeExit(child, status) +
                    (status == 0 ? " before finishing" : ""), child.failure().orElse(null)));
                found = true;
            }
        }
        return found;
    }

    private void awaitExit(final List<ChildJvm> children, final List<ChildFailure> failures)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + config.timeout().toNanos();
        for (int i = 0; i < children.size(); i++)
        {
            final ChildJvm child = children.get(i);
            final long remaining = Math.max(0, deadline - System.nanoTime());
            if (!child.waitFor(Duration.ofNanos(remaining)))
            {
                failures.add(new ChildFailure(info(children, i), "exit", "did not exit within " +
                    config.timeout().toSeconds() + " s after the last mode and was killed",
                    child.failure().orElse(null)));
                continue;
            }
            final int status = child.exitValue();
            if (status != 0)
            {
                failures.add(new ChildFailure(info(children, i), "exit", describeExit(child, status),
                    child.failure().orElse(null)));
            }
        }
    }

    private static String describeExit(final ChildJvm child, final int status)
    {
        if (child.failure().isPresent())
        {
            return "exited with status " + status + " after an uncaught exception";
        }
        if (status > 128)
        {
            return "exited with status " + status + " (killed by signal " + (status - 128) + ")";
        }
        return "exited with status " + status;
    }

    /**
     * Kills children still running; removes the logs of children that are not named as failed.
     */
    private static void stop(final List<ChildJvm> children, final List<ChildFailure> failures)
    {
        for (final ChildJvm child : children)
        {
            try
            {
                child.close();
            }
            catch (final RuntimeException ex)
            {
                // close() kills and waits 10 s; a child that survives SIGKILL is named, and the others still stop.
                System.err.println("counter-race: " + ex.getMessage());
            }
        }
        for (final ChildJvm child : children)
        {
            // Kept: the logs of the children named as failed. Removed: those that succeeded or were stopped
            // because another child failed.
            if (!child.isAlive() && child.failure().isEmpty() && !failed(child.pid(), failures))
            {
                try
                {
                    Files.deleteIfExists(child.logFile());
                }
                catch (final IOException ex)
                {
                    // A log we could not remove stays in the temporary directory; nothing else depends on it.
                }
            }
        }
    }

    private static boolean failed(final long pid, final List<ChildFailure> failures)
    {
        for (final ChildFailure failure : failures)
        {
            if (failure.pid() == pid)
            {
                return true;
            }
        }
        return false;
    }

    private static ChildInfo info(final List<ChildJvm> children, final int index)
    {
        final ChildJvm child = children.get(index);
        return new ChildInfo(index, child.pid(), child.logFile());
    }

    private static List<ChildInfo> infos(final List<ChildJvm> children)
    {
        final List<ChildInfo> infos = new ArrayList<>();
        for (int i = 0; i < children.size(); i++)
        {
            infos.add(info(children, i));
        }
        return infos;
    }

    private static List<String> names(final List<CounterStrategy> modes)
    {
        final List<String> names = new ArrayList<>();
        for (final CounterStrategy mode : modes)
        {
            names.add(mode.name());
        }
        return names;
    }

    private static void deleteRegion(final Path path)
    {
        try
        {
            Files.deleteIfExists(path);
        }
        catch (final IOException ex)
        {
            System.err.println("counter-race: could not remove region " + path + ": " + ex);
        }
    }
}

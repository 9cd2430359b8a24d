package dev.shmem.pool;

import dev.shmem.internal.liveness.ProcessLiveness;
import dev.shmem.process.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The workers of a {@link JvmPool}: starts them, kills the ones past the task timeout, and when one dies fails (or
 * runs again) exactly the task it had taken, then replaces it. Called by the dispatcher thread holding the pool's
 * lock; {@link #pids()} from any thread holding it.
 *
 * <h2>Which task a dead worker had</h2>
 * A worker publishes in {@code pool.started} the id of the task it runs, and {@code TAKING} around each take from
 * the task queue ({@link PoolWorker}). A worker that died showing an id had that task. One that died showing
 * {@code TAKING} either had taken nothing or had taken a task it had not yet named: such a task is taken from the
 * queue (its position is below {@link JobBook#taken()}), unfinished, and named by no worker. The supervisor reads
 * liveness, then the taken count, then every worker's word, then drains the results, in that order, so a task
 * that a live worker finished is never mistaken for a lost one. If no such task exists, the dead worker had
 * nothing; a task that stays unnamed for {@link #UNNAMED_GRACE_NANOS} while a dead worker is unexplained is that
 * worker's (a live worker names its task within microseconds of taking it). If a live worker later names a task
 * presumed lost, a warning says it may run twice.
 *
 * <h2>Giving up</h2>
 * {@link #MAX_START_FAILURES} new workers in a row that exit by themselves (not by a signal) before they are ready
 * make the pool give up: every unfinished task fails at once with the last worker's exit and first log line.
 * Workers killed from outside are replaced however often it happens.
 */
final class PoolSupervisor
{
    static final int MAX_START_FAILURES = 3;
    static final long UNNAMED_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final System.Logger LOG = System.getLogger("dev.shmem.pool");

    private final PoolOptions options;
    private final PoolRegion region;
    private final JobBook book;
    private final Runnable onExit;
    private final Slot[] slots;
    private final Deque<Suspect> suspects = new ArrayDeque<>();
    private final Set<Long> presumedLost = new HashSet<>();
    private int startFailures;

    /**
     * @param options the pool's options.
     * @param region  the pool's region.
     * @param book    the pool's jobs.
     * @param onExit  run (in a JDK thread) when a worker exits, to wake the dispatcher.
     */
    PoolSupervisor(final PoolOptions options, final PoolRegion region, final JobBook book, final Runnable onExit)
    {
        this.options = options;
        this.region = region;
        this.book = book;
        this.onExit = onExit;
        this.slots = new Slot[options.workers()];
        for (int i = 0; i < slots.length; i++)
        {
            slots[i] = new Slot(i);
        }
    }

    /**
     * Starts every worker.
     *
     * @throws IOException if one cannot be started (those started are killed).
     */
    void startAll() throws IOException
    {
        try
        {
            for (final Slot slot : slots)
            {
                start(slot);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            killAll();
            throw ex;
        }
    }

    /**
     * One round of supervision: timeouts, deaths, replacements.
     *
     * @param completions  where futures to complete are added.
     * @param drainResults takes every result waiting in the results queue.
     */
    void supervise(final List<Runnable> completions, final Consumer<List<Runnable>> drainResults)
    {
        final boolean[] dead = new boolean[slots.length];
        for (final Slot slot : slots)
        {
            dead[slot.index] = slot.child != null && !slot.child.isAlive();
        }
        final long taken = book.taken();
        final long[] state = new long[slots.length];
        for (final Slot slot : slots)
        {
            // Volatile read; pairs with the worker's volatile stores (PoolWorker.work).
            state[slot.index] = region.started.get(slot.index);
        }
        drainResults.accept(completions);
        final long now = System.currentTimeMillis();
        final Set<Long> named = new HashSet<>();
        for (final Slot slot : slots)
        {
            final long id = state[slot.index];
            if (id > 0)
            {
                named.add(id);
                if (!dead[slot.index])
                {
                    checkTimeout(slot, id, now);
                    if (presumedLost.remove(id))
                    {
                        LOG.log(System.Logger.Level.WARNING, "task #" + id + ", presumed lost with a dead worker " +
                            "and failed or run again, is running in worker pid " + slot.child.pid() +
                            ": it may run twice");
                    }
                }
            }
        }
        for (final Slot slot : slots)
        {
            if (dead[slot.index] && slot.child != null)
            {
                onDeath(slot, state[slot.index], completions);
            }
        }
        if (!suspects.isEmpty())
        {
            attributeUnnamed(taken, named, completions);
        }
    }

    private void checkTimeout(final Slot slot, final long id, final long now)
    {
        if (options.taskTimeout() != null && slot.timedOutTask != id &&
            now - region.startedAt.get(slot.index) > options.taskTimeout().toMillis())
        {
            slot.timedOutTask = id;
            try
            {
                slot.child.kill();
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "cannot kill worker pid " + slot.child.pid() +
                    " past the task timeout: " + ex);
            }
        }
    }

    private void onDeath(final Slot slot, final long id, final List<Runnable> completions)
    {
        final ChildJvm child = slot.child;
        final long pid = child.pid();
        final String exit = slot.timedOutTask == id && id > 0 ?
            "worker pid " + pid + " killed after the task timeout of " + options.taskTimeout() :
            "worker pid " + pid + " " + child.describeExit();
        final Path log = child.logFile();
        final String trace = child.failure().orElse(null);
        if (id > 0)
        {
            final Job job = book.get(id);
            if (job != null && slot.timedOutTask == id)
            {
                completions.add(book.fail(job, new TaskFailedException(TaskFailedException.Reason.TIMED_OUT,
                    "task " + job.describe() + " failed: " + exit + "; log " + log, pid, log, trace)));
            }
            else if (job != null)
            {
                add(completions, book.retryOrFail(job, "task " + job.describe() + " failed: " + exit + "; log " +
                    log, pid, log, trace));
            }
        }
        else if (id == PoolProtocol.TAKING)
        {
            suspects.addLast(new Suspect(pid, exit, log, trace));
        }
        final boolean wasReady = region.ready.get(slot.index) == pid;
        if (wasReady)
        {
            startFailures = 0;
        }
        else if (child.exitValue() <= 128)
        {
            startFailures++;
        }
        child.close();
        slot.child = null;
        slot.timedOutTask = 0;
        if (startFailures >= MAX_START_FAILURES)
        {
            giveUp(MAX_START_FAILURES + " new workers in a row exited before they could take a task; last: " +
                exit + "; log " + log + (trace == null ? "" : "\n" + trace), completions);
            return;
        }
        if (book.isAccepting() || !book.isEmpty())
        {
            try
            {
                start(slot);
            }
            catch (final IOException | RuntimeException ex)
            {
                giveUp("cannot start a replacement worker: " + ex, completions);
            }
        }
    }

    private void attributeUnnamed(final long taken, final Set<Long> named, final List<Runnable> completions)
    {
        final long now = System.nanoTime();
        boolean anyUnnamed = false;
        for (final Job job : book.takenBefore(taken))
        {
            if (named.contains(job.id))
            {
                job.unattributedSince = 0;
                continue;
            }
            anyUnnamed = true;
            if (job.unattributedSince == 0)
            {
                job.unattributedSince = now;
            }
            else if (now - job.unattributedSince >= UNNAMED_GRACE_NANOS && !suspects.isEmpty())
            {
                final Suspect suspect = suspects.removeFirst();
                presumedLost.add(job.id);
                add(completions, book.retryOrFail(job, "task " + job.describe() + " failed: " + suspect.exit +
                    " after taking it from the queue; log " + suspect.log, suspect.pid, suspect.log,
                    suspect.trace));
            }
        }
        if (!anyUnnamed)
        {
            // Every task taken before the dead workers died is accounted for: they had taken nothing.
            suspects.clear();
        }
    }

    private void giveUp(final String reason, final List<Runnable> completions)
    {
        book.failAll(TaskFailedException.Reason.WORKER_DIED, reason, completions);
        suspects.clear();
        killAll();
    }

    /**
     * @param pid a worker pid.
     * @return that worker's log file, or null if it is not a current worker or prints to the console.
     */
    Path logOf(final long pid)
    {
        for (final Slot slot : slots)
        {
            if (slot.child != null && slot.child.pid() == pid)
            {
                return slot.child.logFile();
            }
        }
        return null;
    }

    /**
     * @return pids of the workers alive now.
     */
    List<Long> pids()
    {
        final List<Long> pids = new ArrayList<>();
        for (final Slot slot : slots)
        {
            if (slot.child != null && slot.child.isAlive())
            {
                pids.add(slot.child.pid());
            }
        }
        return pids;
    }

    /**
     * @return true once no worker runs.
     */
    boolean allExited()
    {
        for (final Slot slot : slots)
        {
            if (slot.child != null && slot.child.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Kills every worker (SIGKILL) and forgets them.
     */
    void killAll()
    {
        for (final Slot slot : slots)
        {
            if (slot.child != null)
            {
                try
                {
                    slot.child.close();
                }
                catch (final RuntimeException ex)
                {
                    LOG.log(System.Logger.Level.WARNING, "cannot kill worker " + slot.child + ": " + ex);
                }
                slot.child = null;
            }
        }
    }

    /**
     * Closes the handles of workers that have exited (their logs go if they succeeded).
     */
    void closeExited()
    {
        for (final Slot slot : slots)
        {
            if (slot.child != null && !slot.child.isAlive())
            {
                slot.child.close();
                slot.child = null;
            }
        }
    }

    private void start(final Slot slot) throws IOException
    {
        region.started.set(slot.index, PoolProtocol.IDLE);
        region.ready.set(slot.index, 0);
        final ChildJvm.Builder builder = ChildJvm.builder(PoolWorker.class)
            .jvmArgs(options.jvmArgs().toArray(new String[0]))
            .logDirectory(options.logDirectory())
            .classDataSharing(options.classDataSharing())
            .args(region.path.toString(), Integer.toString(slot.index), Integer.toString(slots.length),
                options.codec().getName(), Long.toString(options.maxTasksPerChild()),
                Integer.toString(options.maxMessageBytes()), Integer.toString(options.taskSlots()),
                Integer.toString(options.resultSlots()), Long.toString(ProcessLiveness.selfPid()),
                Long.toString(ProcessLiveness.selfStartTime()));
        if (options.inheritConsole())
        {
            builder.inheritConsole();
        }
        slot.child = builder.start();
        slot.child.onExit().thenRun(onExit);
    }

    private static void add(final List<Runnable> completions, final Runnable completion)
    {
        if (completion != null)
        {
            completions.add(completion);
        }
    }

    /** A worker slot: its current child JVM. */
    private static final class Slot
    {
        final int index;
        ChildJvm child;
        /** The task it was killed for running past the timeout, 0 if none. */
        long timedOutTask;

        Slot(final int index)
        {
            this.index = index;
        }
    }

    /** A worker that died showing {@code TAKING}: it may have taken a task it had not named yet. */
    private record Suspect(long pid, String exit, Path log, String trace)
    {
    }
}

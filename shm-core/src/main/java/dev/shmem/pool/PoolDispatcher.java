package dev.shmem.pool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one thread of a {@link JvmPool} that reads the results queue: it finishes the jobs whose results arrive,
 * refills the task queue from the backlog, and runs the {@link PoolSupervisor}. It never runs user code: the
 * futures it completes are the pool's internal ones, whose dependants run on the pool's completion executor (or
 * in the thread of a {@code map} caller).
 *
 * <p>It waits on the results queue for {@link #POLL_MILLIS} at a time, longer than the queue's 100 ms before
 * it skips a slot left half-written by a worker that died putting a result, and is woken earlier by a
 * {@link PoolProtocol#wake()} message when a worker exits or the pool shuts down.
 */
final class PoolDispatcher implements Runnable
{
    static final long POLL_MILLIS = 150;
    private static final long SUPERVISE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final System.Logger LOG = System.getLogger("dev.shmem.pool");

    private final PoolRegion region;
    private final JobBook book;
    private final PoolSupervisor supervisor;
    private final Runnable finish;
    private final BooleanSupplier finished;
    private long lastSupervision;

    /** A boolean read under the pool's lock. */
    @FunctionalInterface
    interface BooleanSupplier
    {
        boolean get();
    }

    PoolDispatcher(final PoolRegion region, final JobBook book, final PoolSupervisor supervisor,
        final Runnable finish, final BooleanSupplier finished)
    {
        this.region = region;
        this.book = book;
        this.supervisor = supervisor;
        this.finish = finish;
        this.finished = finished;
    }

    @Override
    public void run()
    {
        try
        {
            while (true)
            {
                final byte[] first = region.results.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                final List<Runnable> completions = new ArrayList<>();
                synchronized (book)
                {
                    if (finished.get())
                    {
                        return;
                    }
                    if (first != null)
                    {
                        onResult(first, completions);
                    }
                    drain(completions);
                    final long now = System.nanoTime();
                    if (first == null || now - lastSupervision >= SUPERVISE_NANOS)
                    {
                        lastSupervision = now;
                        supervisor.supervise(completions, this::drain);
                    }
                    book.feed();
                    book.closeIfDone();
                    if (!book.isAccepting() && book.isEmpty() && supervisor.allExited())
                    {
                        finish.run();
                    }
                }
                PoolDispatcher.run(completions);
            }
        }
        catch (final InterruptedException ex)
        {
            failEverything("the dispatcher thread was interrupted", ex);
        }
        catch (final RuntimeException | Error ex)
        {
            synchronized (book)
            {
                if (finished.get())
                {
                    // shutdownNow() from another thread closed the region under our poll: nothing is wrong.
                    return;
                }
            }
            failEverything("the dispatcher thread failed: " + ex, ex);
            throw ex;
        }
    }

    /**
     * Wakes the dispatcher now (a worker exited, or the pool is shutting down).
     */
    void wake()
    {
        try
        {
            region.results.offer(PoolProtocol.wake());
        }
        catch (final IllegalStateException ex)
        {
            // The region is closed: the pool is finished and the dispatcher gone.
        }
    }

    /**
     * Runs completions, each on its own: one that throws does not stop the others.
     *
     * @param completions what to run.
     */
    static void run(final List<Runnable> completions)
    {
        for (final Runnable completion : completions)
        {
            try
            {
                completion.run();
            }
            catch (final RuntimeException ex)
            {
                LOG.log(System.Logger.Level.WARNING, "a pool completion threw", ex);
            }
        }
    }

    private void failEverything(final String reason, final Throwable cause)
    {
        final List<Runnable> completions = new ArrayList<>();
        synchronized (book)
        {
            if (finished.get())
            {
                return;
            }
            book.failAll(TaskFailedException.Reason.WORKER_DIED, reason, completions);
            supervisor.killAll();
            finish.run();
        }
        LOG.log(System.Logger.Level.ERROR, reason, cause);
        run(completions);
    }

    private void drain(final List<Runnable> completions)
    {
        for (byte[] message; (message = region.results.poll()) != null; )
        {
            onResult(message, completions);
        }
    }

    private void onResult(final byte[] message, final List<Runnable> completions)
    {
        final long id = PoolProtocol.id(message);
        final Job job = id == 0 ? null : book.finish(id);
        if (job == null)
        {
            return;
        }
        final byte status = PoolProtocol.status(message);
        final byte[] payload = PoolProtocol.payload(message);
        if (status == PoolProtocol.OK)
        {
            completions.add(() -> job.payload.complete(payload));
            return;
        }
        final long pid = PoolProtocol.workerPid(message);
        final Path log = supervisor.logOf(pid);
        final String trace = new String(payload, StandardCharsets.UTF_8);
        final String firstLine = trace.lines().findFirst().orElse("");
        final TaskFailedException.Reason reason = status == PoolProtocol.THREW ?
            TaskFailedException.Reason.THREW : TaskFailedException.Reason.CODEC;
        final TaskFailedException failure = new TaskFailedException(reason, "task " + job.describe() +
            " failed in worker pid " + pid + ": " + firstLine, pid, log, trace);
        completions.add(() -> job.payload.completeExceptionally(failure));
    }
}

package dev.shmem.pool;

import dev.shmem.SharedQueue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The unfinished jobs of a {@link JvmPool} and the parent's end of its task queue. Every job is in {@link #jobs}
 * from submit until its future is completed, so whatever ends the pool can fail every one of them. A job is
 * either in the backlog (the task queue was full) or has a task queue position; the parent is the queue's only
 * producer, so positions are the order of its offers and {@code offered - tasks.size()} of them have been taken
 * by workers.
 *
 * <p>Not thread-safe by itself: every method is called holding this object's monitor (the pool's lock). Futures
 * are never completed here: the methods return the completions for the caller to run after releasing the lock.
 */
final class JobBook
{
    private static final long STUCK_SLOT_WAIT_MILLIS = 150;

    private final SharedQueue tasks;
    private final int retries;
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private final Deque<Job> backlog = new ArrayDeque<>();
    private long nextId = 1;
    private long offered;
    private boolean accepting = true;
    private String brokenReason;

    JobBook(final SharedQueue tasks, final int retries)
    {
        this.tasks = tasks;
        this.retries = retries;
    }

    /**
     * @param taskClass task class name.
     * @param kind      {@link PoolProtocol#SINGLE} or {@link PoolProtocol#CHUNK}.
     * @param input     encoded input (or frame of inputs).
     * @return the new job, queued.
     * @throws IllegalStateException if the pool no longer accepts tasks.
     */
    Job add(final String taskClass, final byte kind, final byte[] input)
    {
        if (!accepting)
        {
            throw new IllegalStateException(brokenReason == null ? "pool is shut down" : "pool is broken: " +
                brokenReason);
        }
        final Job job = new Job(nextId++, taskClass, kind, input);
        jobs.put(job.id, job);
        backlog.addLast(job);
        feed();
        return job;
    }

    /**
     * Moves backlog jobs into the task queue while it has room. A slot still held by a worker that died reading it
     * is freed by a short blocking offer (only a waiting producer frees such a slot).
     */
    void feed()
    {
        while (!backlog.isEmpty() && !tasks.isClosed())
        {
            final Job job = backlog.peekFirst();
            boolean queued = tasks.offer(job.message);
            if (!queued && tasks.size() < tasks.capacity())
            {
                try
                {
                    queued = tasks.offer(job.message, STUCK_SLOT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!queued)
            {
                return;
            }
            backlog.removeFirst();
            job.position = offered++;
        }
    }

    /**
     * @return task queue positions taken by workers so far (exact: the parent is the only producer, and this is
     * called holding the lock every offer holds).
     */
    long taken()
    {
        return offered - tasks.size();
    }

    Job get(final long id)
    {
        return jobs.get(id);
    }

    /**
     * @return the jobs taken from the queue, in offer order, that are still unfinished.
     */
    List<Job> takenBefore(final long position)
    {
        final List<Job> taken = new ArrayList<>();
        for (final Job job : jobs.values())
        {
            if (job.position != Job.NOT_QUEUED && job.position < position)
            {
                taken.add(job);
            }
        }
        return taken;
    }

    /**
     * @param id a result's task id.
     * @return the job, removed, or null if it is not unfinished (failed already, or cancelled).
     */
    Job finish(final long id)
    {
        return jobs.remove(id);
    }

    /**
     * Removes a job that has not finished, without running it again.
     *
     * @return a completion that fails it.
     */
    Runnable fail(final Job job, final TaskFailedException failure)
    {
        jobs.remove(job.id);
        backlog.remove(job);
        return () -> job.payload.completeExceptionally(failure);
    }

    /**
     * A job whose worker died: runs it again (at the front of the backlog) if it has retries left, else fails it.
     *
     * @return the completion to run, or null if it was queued again.
     */
    Runnable retryOrFail(final Job job, final String message, final long pid, final Path log, final String trace)
    {
        if (job.retries < retries && !tasks.isClosed())
        {
            job.retries++;
            job.position = Job.NOT_QUEUED;
            job.unattributedSince = 0;
            backlog.addFirst(job);
            feed();
            return null;
        }
        final String tried = job.retries == 0 ? "" : " (after " + job.retries + " retries)";
        return fail(job, new TaskFailedException(TaskFailedException.Reason.WORKER_DIED, message + tried, pid, log,
            trace));
    }

    /**
     * Stops accepting tasks; the task queue is closed once every job has finished.
     */
    void shutdown()
    {
        accepting = false;
        closeIfDone();
    }

    void closeIfDone()
    {
        if (!accepting && jobs.isEmpty() && !tasks.isClosed())
        {
            // End of stream for the workers: they exit once they find the queue empty.
            tasks.close();
        }
    }

    /**
     * Fails every unfinished job and refuses new ones.
     *
     * @param reason          {@link TaskFailedException.Reason#POOL_SHUT_DOWN}, or {@code WORKER_DIED} for a pool
     *                        that gave up.
     * @param brokenReason    why the pool gave up, or null for a shutdown.
     * @param completions     where the failures are added.
     */
    void failAll(final TaskFailedException.Reason reason, final String brokenReason, final List<Runnable> completions)
    {
        accepting = false;
        if (brokenReason != null && this.brokenReason == null)
        {
            this.brokenReason = brokenReason;
        }
        for (final Job job : new ArrayList<>(jobs.values()))
        {
            final String message = brokenReason == null ?
                "pool shut down before task " + job.describe() + " finished" :
                "task " + job.describe() + " failed: pool broken: " + brokenReason;
            completions.add(fail(job, new TaskFailedException(reason, message, 0, null, null)));
        }
        backlog.clear();
    }

    boolean isAccepting()
    {
        return accepting;
    }

    boolean isEmpty()
    {
        return jobs.isEmpty();
    }

    String brokenReason()
    {
        return brokenReason;
    }
}

package dev.shmem.demo.support;

import dev.shmem.pool.JvmPool;
import dev.shmem.pool.PoolTask;
import dev.shmem.pool.TaskFailedException;
import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A {@link JvmPool} for one demo run: its workers log into a directory of their own (removed when the run
 * succeeds, kept when it fails), {@code --fail-child worker} makes every task throw, and {@link #map} is bounded
 * by the demo's {@code --timeout} and turns a failed task into a {@link DemoException} naming the task's input,
 * the worker's pid, the exception and the log file.
 */
public final class DemoPool implements AutoCloseable
{
    /** The role of the pool's workers for {@code --fail-child}. */
    public static final String WORKER = "worker";

    private final JvmPool pool;
    private final Path logs;
    private final ChildOptions options;
    private boolean failed;

    private DemoPool(final JvmPool pool, final Path logs, final ChildOptions options)
    {
        this.pool = pool;
        this.logs = logs;
        this.options = options;
    }

    /**
     * Starts the pool's worker JVMs (they boot in the background; tasks wait for them).
     *
     * @param workers number of worker JVMs.
     * @param options timeout, log directory, failure injection.
     * @return the pool.
     * @throws IOException if the pool cannot be created.
     */
    public static DemoPool start(final int workers, final ChildOptions options) throws IOException
    {
        Files.createDirectories(options.logDirectory());
        final Path logs = Files.createTempDirectory(options.logDirectory(), "pool-");
        final JvmPool pool = JvmPool.builder()
            .workers(workers)
            .logDirectory(logs)
            .jvmArgs(options.jvmArgsFor(WORKER))
            .closeTimeout(options.timeout())
            .build();
        return new DemoPool(pool, logs, options);
    }

    /**
     * @return the pool.
     */
    public JvmPool pool()
    {
        return pool;
    }

    /**
     * Python's {@code Pool.map}: the results in input order, bounded by the demo's timeout.
     *
     * @param task   the task class.
     * @param inputs the inputs.
     * @param <I>    input type.
     * @param <O>    result type.
     * @return the results, in order.
     * @throws DemoException        if a task fails (naming its input, worker pid, exception and log) or the timeout
     *                              passes; the pool is then shut down.
     * @throws InterruptedException if interrupted.
     */
    public <I, O> List<O> map(final Class<? extends PoolTask<I, O>> task, final Collection<? extends I> inputs)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + options.timeout().toNanos();
        final List<I> submitted = new ArrayList<>(inputs);
        final List<CompletableFuture<O>> futures = new ArrayList<>();
        for (final I input : submitted)
        {
            futures.add(pool.submit(task, input));
        }
        final List<O> results = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++)
        {
            try
            {
                results.add(futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            catch (final ExecutionException ex)
            {
                throw failure(submitted.get(i), ex.getCause());
            }
            catch (final TimeoutException ex)
            {
                failed = true;
                pool.shutdownNow();
                throw new DemoException(Main.EXIT_FAILURE, "the pool did not finish " + futures.size() + " tasks " +
                    "of " + task.getSimpleName() + " within " + options.timeout().toSeconds() + " s (" + i +
                    " done); workers killed; their logs are in " + logs);
            }
        }
        return results;
    }

    /**
     * Shuts the pool down, waiting for its workers to exit (bounded by the timeout), and removes the workers' logs
     * if every task succeeded.
     */
    @Override
    public void close()
    {
        pool.close();
        if (!failed)
        {
            try (Stream<Path> files = Files.list(logs))
            {
                for (final Path file : (Iterable<Path>)files::iterator)
                {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(logs);
            }
            catch (final IOException ex)
            {
                // Logs that cannot be removed stay in the log directory; nothing depends on them.
            }
        }
    }

    private DemoException failure(final Object input, final Throwable cause)
    {
        failed = true;
        pool.shutdownNow();
        if (cause instanceof TaskFailedException)
        {
            final TaskFailedException task = (TaskFailedException)cause;
            final String message = task.getMessage().lines().findFirst().orElse("");
            return new DemoException(Main.EXIT_FAILURE, message + "\n  input: " + input +
                task.logFile().map(log -> "\n  log: " + log).orElse("\n  logs: " + logs), task);
        }
        return new DemoException(Main.EXIT_FAILURE, "task for input " + input + " failed: " + cause, cause);
    }
}

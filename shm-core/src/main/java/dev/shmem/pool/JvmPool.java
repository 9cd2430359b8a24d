package dev.shmem.pool;

import dev.shmem.SharedQueue;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.wait.KernelWaitThread;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of child JVMs that run {@link PoolTask}s, like Python's {@code multiprocessing.Pool}: {@link #map},
 * {@link #submit} (Python's {@code apply_async}), an ordered lazy {@link #imap}, {@link #shutdown} and
 * {@link #join} (Python's {@code close} and {@code join}), {@link #shutdownNow} ({@code terminate}) and
 * {@code maxTasksPerChild}. Tasks travel through one shared {@link SharedQueue} that every worker takes from (so
 * a worker goes from one task to the next without the parent), results through another, in a private region under
 * {@code /dev/shm}; inputs and results are encoded by a {@link PoolCodec} ({@link CompactCodec} by default: a few
 * bytes for boxed primitives, strings, arrays and records of them, Java serialization for anything else).
 *
 * <pre>{@code
 * try (JvmPool pool = JvmPool.create(4)) {
 *     List<Boolean> primes = pool.map(IsPrime.class, numbers);
 * }
 * }</pre>
 *
 * <h2>Failures: never a hang</h2>
 * A task that throws completes its future with a {@link TaskFailedException} carrying the remote stack trace. A
 * worker that dies ({@code kill -9}, {@code System.exit}, out of memory, a crash) fails exactly the task it had
 * taken with a {@link TaskFailedException} naming its pid and log file (or, with {@link Builder#retries}, runs it
 * again), other tasks go to other workers, and a new worker replaces it, however many times it happens (Python's
 * {@code Pool} hangs here). With a {@link Builder#taskTimeout task timeout}, a task running longer is failed and
 * its worker killed and replaced; {@link #map(Class, Collection, Duration)} bounds a whole map. Workers exit by
 * themselves if the parent JVM dies. If new workers keep exiting before they can take a task (a broken class
 * path, a bad JVM flag), the pool gives up and fails every unfinished task at once with the workers' error.
 *
 * <h2>Threads</h2>
 * One dispatcher thread reads results and supervises the workers; it never runs the caller's code. The futures
 * of {@link #submit} complete on the pool's completion threads (daemon, created on demand, gone after a few idle
 * seconds), so their dependent stages may block, even on this pool; {@link #map} decodes in the caller's thread.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in the submitting thread before {@link #submit} happen-before the task runs in its worker (the input is
 * a copy); the task's actions happen-before the completion of its future in this JVM.
 *
 * <h2>Life cycle</h2>
 * {@link #shutdown()} stops accepting tasks; queued tasks still run; workers exit when done. {@link #join}
 * waits for that. {@link #close()} is {@code shutdown()} then {@code join}, and {@link #shutdownNow()} if the
 * pool has not finished within the close timeout (default 60 s). {@link #shutdownNow()} kills the workers and
 * fails every unfinished task. The options are copied at {@link Builder#build()}.
 */
public final class JvmPool implements AutoCloseable
{
    private static final System.Logger LOG = System.getLogger("dev.shmem.pool");
    private static final AtomicInteger COMPLETION_THREADS = new AtomicInteger();

    private final PoolOptions options;
    private final PoolCodec codec;
    private final PoolRegion region;
    private final JobBook book;
    private final PoolSupervisor supervisor;
    private final PoolDispatcher dispatcher;
    private final ExecutorService completions;
    private final MapCall mapper;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean finished;

    private JvmPool(final PoolOptions options) throws IOException
    {
        this.options = options;
        this.codec = newCodec(options.codec());
        this.region = PoolRegion.create(options);
        this.book = new JobBook(region.tasks, options.retries());
        final PoolDispatcher[] wake = new PoolDispatcher[1];
        this.supervisor = new PoolSupervisor(options, region, book, () -> wake[0].wake());
        this.dispatcher = new PoolDispatcher(region, book, supervisor, this::finishLocked, () -> finished);
        wake[0] = dispatcher;
        this.completions = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable ->
            {
                final Thread thread = new Thread(runnable, "shm-pool-completion-" +
                    COMPLETION_THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        this.mapper = new MapCall(book, this::encode, this::decodeResult, options.maxMessageBytes());
        try
        {
            synchronized (book)
            {
                supervisor.startAll();
            }
            // Sleeps in the kernel on the results queue itself: a worker's result wakes it in one hop.
            new KernelWaitThread(dispatcher, "shm-pool-dispatcher-" + region.path.getFileName()).start();
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            synchronized (book)
            {
                supervisor.killAll();
                finishLocked();
            }
            throw ex;
        }
    }

    /**
     * @return a pool of {@code Runtime.availableProcessors()} workers with default options.
     * @throws IOException if the pool's region or workers cannot be created.
     */
    public static JvmPool create() throws IOException
    {
        return builder().build();
    }

    /**
     * @param workers number of worker JVMs.
     * @return a pool with default options.
     * @throws IOException              if the pool's region or workers cannot be created.
     * @throws IllegalArgumentException if {@code workers} is out of range.
     */
    public static JvmPool create(final int workers) throws IOException
    {
        return builder().workers(workers).build();
    }

    /**
     * @return a builder for a pool with other options.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return the number of worker slots.
     */
    public int workers()
    {
        return options.workers();
    }

    /**
     * @return the pids of the workers running now.
     */
    public List<Long> workerPids()
    {
        synchronized (book)
        {
            return supervisor.pids();
        }
    }

    /**
     * Runs one task on some worker (Python's {@code apply_async}).
     *
     * @param task  the task class.
     * @param input its input.
     * @param <I>   input type.
     * @param <O>   result type.
     * @return the future result, completed on one of the pool's completion threads; it completes exceptionally
     * with a {@link TaskFailedException}.
     * @throws IllegalStateException    if the pool is shut down.
     * @throws IllegalArgumentException if the input cannot be encoded or is larger than the pool's messages.
     */
    public <I, O> CompletableFuture<O> submit(final Class<? extends PoolTask<I, O>> task, final I input)
    {
        Objects.requireNonNull(task, "task");
        final byte[] encoded = encode(input);
        checkSize(PoolProtocol.taskSize(encoded.length, task.getName()), encoded.length);
        final Job job;
        synchronized (book)
        {
            job = book.add(task.getName(), PoolProtocol.SINGLE, encoded);
        }
        return PoolFuture.of(job.payload, this::decodeResult, completions);
    }

    /**
     * Runs a task on every input, in parallel, and returns the results in input order (Python's
     * {@code Pool.map}). Inputs travel in chunks, as in Python: {@code ceil(inputs / (4 * workers))} per chunk.
     *
     * @param task   the task class.
     * @param inputs the inputs.
     * @param <I>    input type.
     * @param <O>    result type.
     * @return the results, in order.
     * @throws TaskFailedException      for the first chunk (in order) in which a task failed; the message names the
     *                                  element. The chunks not finished yet are cancelled.
     * @throws InterruptedException     if interrupted while waiting (the chunks not finished are cancelled).
     * @throws IllegalArgumentException if an input cannot be encoded or does not fit a message.
     * @throws IllegalStateException    if the pool is shut down.
     */
    public <I, O> List<O> map(final Class<? extends PoolTask<I, O>> task, final Collection<? extends I> inputs)
        throws InterruptedException
    {
        return map(task, inputs, defaultChunk(inputs.size()));
    }

    /**
     * Like {@link #map(Class, Collection)} with an explicit chunk size (Python's {@code chunksize}): each worker
     * receives up to {@code chunksize} inputs in one message (fewer if they would not fit one), runs them one
     * after the other and returns their results together. 1 gives the finest load balance; larger chunks cost less
     * per task.
     *
     * @param task      the task class.
     * @param inputs    the inputs.
     * @param chunksize most inputs per message, at least 1.
     * @param <I>       input type.
     * @param <O>       result type.
     * @return the results, in order.
     * @throws TaskFailedException      for the first chunk (in order) in which a task failed.
     * @throws InterruptedException     if interrupted while waiting (the chunks not finished are cancelled).
     * @throws IllegalArgumentException if chunksize is below 1, or an input cannot be encoded or does not fit.
     * @throws IllegalStateException    if the pool is shut down.
     */
    public <I, O> List<O> map(final Class<? extends PoolTask<I, O>> task, final Collection<? extends I> inputs,
        final int chunksize) throws InterruptedException
    {
        try
        {
            return mapper.map(task, inputs, chunksize, Long.MAX_VALUE);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("a map without a timeout timed out", ex);
        }
    }

    /**
     * Like {@link #map(Class, Collection)}, bounded: if the results are not all in within {@code timeout}, the
     * chunks not finished are cancelled (a chunk running in a worker runs to its end; its result is dropped) and
     * {@link TimeoutException} is thrown (Python's {@code map_async(...).get(timeout)}).
     *
     * @param task    the task class.
     * @param inputs  the inputs.
     * @param timeout longest wait for all results.
     * @param <I>     input type.
     * @param <O>     result type.
     * @return the results, in order.
     * @throws TimeoutException         if not every result arrived in time; the message says how many did.
     * @throws TaskFailedException      for the first chunk (in order) in which a task failed.
     * @throws InterruptedException     if interrupted while waiting (the chunks not finished are cancelled).
     * @throws IllegalArgumentException if an input cannot be encoded or does not fit, or the timeout is negative.
     * @throws IllegalStateException    if the pool is shut down.
     */
    public <I, O> List<O> map(final Class<? extends PoolTask<I, O>> task, final Collection<? extends I> inputs,
        final Duration timeout) throws InterruptedException, TimeoutException
    {
        if (timeout.isNegative())
        {
            throw new IllegalArgumentException("map timeout " + timeout + " is negative");
        }
        return mapper.map(task, inputs, defaultChunk(inputs.size()), timeout.toNanos());
    }

    /**
     * Like {@link #map}, lazily: inputs are submitted as the results are consumed, at most two per worker ahead,
     * and results come in input order (Python's {@code Pool.imap}). {@code next()} throws
     * {@link TaskFailedException} for a failed task, and {@link IllegalStateException} (with the interrupt status
     * set) if interrupted.
     *
     * @param task   the task class.
     * @param inputs the inputs, read lazily.
     * @param <I>    input type.
     * @param <O>    result type.
     * @return the results, in order.
     */
    public <I, O> Iterator<O> imap(final Class<? extends PoolTask<I, O>> task, final Iterable<? extends I> inputs)
    {
        return new ImapIterator<>(inputs.iterator(), 2 * workers(), input -> submit(task, input));
    }

    /**
     * Stops accepting tasks (Python's {@code close}); queued tasks still run, then the workers exit.
     */
    public void shutdown()
    {
        synchronized (book)
        {
            if (finished)
            {
                return;
            }
            book.shutdown();
        }
        dispatcher.wake();
    }

    /**
     * Waits for the pool to finish after {@link #shutdown()}: every task done, every worker exited.
     *
     * @param timeout longest wait.
     * @return true if finished.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean join(final Duration timeout) throws InterruptedException
    {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Kills the workers now and fails every unfinished task with {@link TaskFailedException.Reason#POOL_SHUT_DOWN}
     * (Python's {@code terminate}).
     */
    public void shutdownNow()
    {
        final List<Runnable> failures = new ArrayList<>();
        synchronized (book)
        {
            if (finished)
            {
                return;
            }
            book.failAll(TaskFailedException.Reason.POOL_SHUT_DOWN, null, failures);
            supervisor.killAll();
            finishLocked();
        }
        PoolDispatcher.run(failures);
    }

    /**
     * {@link #shutdown()}, then wait for the tasks to finish; if they have not within the close timeout, then
     * {@link #shutdownNow()}. Removes the pool's region file.
     */
    @Override
    public void close()
    {
        shutdown();
        try
        {
            if (!join(options.closeTimeout()))
            {
                shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return "JvmPool[" + workers() + " workers, " + region.path + "]";
    }

    private int defaultChunk(final int inputs)
    {
        return (int)Math.max(1, (inputs + 4L * workers() - 1) / (4L * workers()));
    }

    private byte[] encode(final Object input)
    {
        try
        {
            return codec.encode(input);
        }
        catch (final Exception ex)
        {
            throw new IllegalArgumentException("input " + input + " cannot be encoded by " +
                codec.getClass().getName() + ": " + ex, ex);
        }
    }

    private void checkSize(final long messageBytes, final int inputBytes)
    {
        if (messageBytes > options.maxMessageBytes())
        {
            throw new IllegalArgumentException("input of " + inputBytes + " encoded bytes does not fit the " +
                "pool's messages of " + options.maxMessageBytes() + " bytes (Builder.maxMessageBytes)");
        }
    }

    @SuppressWarnings("unchecked")
    private <O> O decodeResult(final byte[] encoded)
    {
        try
        {
            return (O)codec.decode(encoded);
        }
        catch (final Exception ex)
        {
            throw new TaskFailedException(TaskFailedException.Reason.CODEC, "a result cannot be decoded by " +
                codec.getClass().getName(), 0, null, PoolProtocol.stackTrace(ex));
        }
    }

    /** Called holding the lock: unmaps and removes the region, then lets {@link #join} return, whatever happens. */
    private void finishLocked()
    {
        if (finished)
        {
            return;
        }
        finished = true;
        try
        {
            supervisor.closeExited();
            region.close();
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.log(System.Logger.Level.WARNING, "cannot remove pool region " + region.path + ": " + ex);
        }
        finally
        {
            terminated.countDown();
        }
    }

    private static PoolCodec newCodec(final Class<? extends PoolCodec> type)
    {
        try
        {
            return type.getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalArgumentException("codec " + type.getName() + " needs a public no-argument " +
                "constructor", ex);
        }
    }

    /**
     * Options of a {@link JvmPool}.
     */
    public static final class Builder
    {
        private int workers = Runtime.getRuntime().availableProcessors();
        private long maxTasksPerChild;
        private Duration taskTimeout;
        private Duration closeTimeout = Duration.ofSeconds(60);
        private Class<? extends PoolCodec> codec = CompactCodec.class;
        private int retries;
        private boolean classDataSharing = true;
        private boolean inheritConsole;
        private int maxMessageBytes = 256 * 1024;
        private Path regionDirectory = Files.isDirectory(Path.of("/dev/shm")) ?
            Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
        private Path logDirectory = Path.of(System.getProperty("java.io.tmpdir"), "shm-children");
        private List<String> jvmArgs = List.of();

        private Builder()
        {
        }

        /**
         * @param workers number of worker JVMs (default: available processors).
         * @return this builder.
         */
        public Builder workers(final int workers)
        {
            if (workers < 1 || workers > 64)
            {
                throw new IllegalArgumentException("workers " + workers + " out of range: expected 1 to 64");
            }
            this.workers = workers;
            return this;
        }

        /**
         * @param tasks a worker exits after this many tasks and is replaced (0, the default, for never).
         * @return this builder.
         */
        public Builder maxTasksPerChild(final long tasks)
        {
            if (tasks < 0)
            {
                throw new IllegalArgumentException("maxTasksPerChild " + tasks + " is negative");
            }
            this.maxTasksPerChild = tasks;
            return this;
        }

        /**
         * @param timeout a task running longer fails and its worker is killed and replaced (default: none).
         * @return this builder.
         */
        public Builder taskTimeout(final Duration timeout)
        {
            if (timeout.isNegative() || timeout.isZero())
            {
                throw new IllegalArgumentException("task timeout " + timeout + " must be positive");
            }
            this.taskTimeout = timeout;
            return this;
        }

        /**
         * @param retries times a task whose worker died (killed, crashed, exited) is run again before it fails with
         *                {@link TaskFailedException.Reason#WORKER_DIED} (default 0: never; the article's "retry" rule
         *                for tasks that can safely run twice). Tasks past the task timeout are not run again.
         * @return this builder.
         * @throws IllegalArgumentException if negative.
         */
        public Builder retries(final int retries)
        {
            if (retries < 0)
            {
                throw new IllegalArgumentException("retries " + retries + " is negative");
            }
            this.retries = retries;
            return this;
        }

        /**
         * @param enabled whether workers start from an application class-data-sharing archive that the library
         *                creates on first use and reuses (default true; see {@code ChildJvm.Builder#classDataSharing}).
         * @return this builder.
         */
        public Builder classDataSharing(final boolean enabled)
        {
            this.classDataSharing = enabled;
            return this;
        }

        /**
         * Workers print to this JVM's standard output and error (as Python's pool workers print to the same
         * terminal) instead of one log file each.
         *
         * @return this builder.
         */
        public Builder inheritConsole()
        {
            this.inheritConsole = true;
            return this;
        }

        /**
         * @param timeout how long {@link JvmPool#close()} waits for queued tasks before killing (default 60 s).
         * @return this builder.
         */
        public Builder closeTimeout(final Duration timeout)
        {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param codec encodes inputs and results (default {@link CompactCodec}; it must be thread-safe and have a
         *              public no-argument constructor).
         * @return this builder.
         */
        public Builder codec(final Class<? extends PoolCodec> codec)
        {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * @param bytes largest encoded task or result message (default 256 KiB).
         * @return this builder.
         */
        public Builder maxMessageBytes(final int bytes)
        {
            if (bytes < 64 || bytes > QueueDescriptor.MAX_MESSAGE_BYTES)
            {
                throw new IllegalArgumentException("max message bytes " + bytes + " out of range: expected 64 to " +
                    QueueDescriptor.MAX_MESSAGE_BYTES);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * @param jvmArgs extra JVM flags for the workers (after the inherited ones).
         * @return this builder.
         */
        public Builder jvmArgs(final String... jvmArgs)
        {
            this.jvmArgs = List.of(jvmArgs);
            return this;
        }

        /**
         * @param directory where workers' logs go.
         * @return this builder.
         */
        public Builder logDirectory(final Path directory)
        {
            this.logDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param directory where the pool's private region file is created (default {@code /dev/shm}).
         * @return this builder.
         */
        public Builder regionDirectory(final Path directory)
        {
            this.regionDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Starts a pool with these options, copied: changing this builder afterwards does not change the pool.
         *
         * @return the started pool.
         * @throws IOException              if its region or workers cannot be created (nothing is left behind).
         * @throws IllegalArgumentException if the codec has no public no-argument constructor, or the pool's
         *                                  queues would not fit a region.
         */
        public JvmPool build() throws IOException
        {
            return new JvmPool(new PoolOptions(workers, maxTasksPerChild, taskTimeout, closeTimeout, codec,
                maxMessageBytes, retries, regionDirectory, logDirectory, jvmArgs, classDataSharing, inheritConsole));
        }
    }
}

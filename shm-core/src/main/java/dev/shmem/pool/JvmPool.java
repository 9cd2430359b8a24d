package dev.shmem.pool;

import dev.shmem.internal.liveness.ProcessLiveness;
import dev.shmem.internal.queue.QueueDescriptor;

import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.process.ChildJvm;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of child JVMs that run {@link PoolTask}s, like Python's {@code multiprocessing.Pool}: {@link #map},
 * {@link #submit} (Python's {@code apply_async}), an ordered lazy {@link #imap}, {@link #shutdown} and
 * {@link #join} (Python's {@code close} and {@code join}), {@link #shutdownNow} ({@code terminate}) and
 * {@code maxTasksPerChild}. Tasks and results travel through {@link SharedQueue}s in a private region under
 * {@code /dev/shm}; inputs and results are encoded by a {@link PoolCodec} (Java serialization by default).
 *
 * <pre>{@code
 * try (JvmPool pool = JvmPool.create(4)) {
 *     List<Boolean> primes = pool.map(IsPrime.class, numbers);
 * }
 * }</pre>
 *
 * <h2>Failures: never a hang</h2>
 * A task that throws completes its future with a {@link TaskFailedException} carrying the remote stack trace. A
 * worker that dies ({@code kill -9}, {@code System.exit}, out of memory, a crash) fails the task it was running
 * with a {@link TaskFailedException} naming its pid and log file, tasks it had not started go to other workers,
 * and a new worker replaces it (Python's {@code Pool} hangs here). With a {@link Builder#taskTimeout task
 * timeout}, a task running longer is failed and its worker killed and replaced. Workers exit by themselves if
 * the parent JVM dies. If new workers keep dying before running anything (a broken class path, say), the pool
 * fails every task instead of restarting them forever.
 *
 * <h2>Memory consistency effects</h2>
 * Actions in the submitting thread before {@link #submit} happen-before the task runs in its worker (the input is
 * a copy); the task's actions happen-before the completion of its future in this JVM.
 *
 * <h2>Life cycle</h2>
 * {@link #shutdown()} stops accepting tasks; queued tasks still run; workers exit when done. {@link #join}
 * waits for that. {@link #close()} is {@code shutdown()} then {@code join}, and {@link #shutdownNow()} if the
 * pool has not finished within the close timeout (default 60 s). {@link #shutdownNow()} kills the workers and
 * fails every unfinished task.
 */
public final class JvmPool implements AutoCloseable
{
    private static final long POLL_MILLIS = 10;
    private static final int MAX_START_FAILURES = 3;
    private static final AtomicLong POOLS = new AtomicLong();

    private final Builder options;
    private final Path regionPath;
    private final SharedRegion region;
    private final SharedQueue results;
    private final SharedLongArray started;
    private final SharedLongArray startedAt;
    private final PoolCodec codec;
    private final Worker[] workers;
    private final Deque<Job> pending = new ArrayDeque<>();
    private final Map<Long, Job> jobs = new HashMap<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread dispatcher;
    private long nextId = 1;
    private int startFailures;
    private boolean accepting = true;
    private boolean finished;
    private String brokenReason;

    private JvmPool(final Builder options) throws IOException
    {
        this.options = options;
        try
        {
            this.codec = options.codec.getDeclaredConstructor().newInstance();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalArgumentException("codec " + options.codec.getName() + " needs a public no-argument " +
                "constructor", ex);
        }
        final int n = options.workers;
        final long stride = QueueDescriptor.slotStride(options.maxMessageBytes);
        final long queues = (long)n * 8 * PoolProtocol.INBOX_SLOTS + PoolWorker.resultSlots(n);
        final long capacity = Math.min(dev.shmem.internal.region.RegionLayout.MAX_CAPACITY,
            (1 << 20) + queues * (stride + 512));
        this.regionPath = options.regionDirectory.resolve(
            "shm-pool-" + ProcessHandle.current().pid() + "-" + POOLS.incrementAndGet() + ".shm");
        this.region = SharedRegion.create(regionPath, capacity);
        this.results = region.queue(PoolProtocol.RESULTS, PoolWorker.resultSlots(n), options.maxMessageBytes);
        this.started = region.longArray(PoolProtocol.STARTED, n);
        this.startedAt = region.longArray(PoolProtocol.STARTED_AT, n);
        this.workers = new Worker[n];
        for (int i = 0; i < n; i++)
        {
            workers[i] = new Worker(i);
        }
        try
        {
            for (final Worker worker : workers)
            {
                worker.start();
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            killAll();
            cleanUp();
            throw ex;
        }
        this.dispatcher = new Thread(this::dispatch, "shm-pool-dispatcher-" + regionPath.getFileName());
        dispatcher.setDaemon(true);
        dispatcher.start();
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
     * @throws IOException if the pool's region or workers cannot be created.
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
        return workers.length;
    }

    /**
     * @return the pids of the workers running now.
     */
    public synchronized List<Long> workerPids()
    {
        final List<Long> pids = new ArrayList<>();
        for (final Worker worker : workers)
        {
            if (worker.child != null && worker.child.isAlive())
            {
                pids.add(worker.child.pid());
            }
        }
        return pids;
    }

    /**
     * Runs one task on some worker (Python's {@code apply_async}).
     *
     * @param task  the task class.
     * @param input its input.
     * @param <I>   input type.
     * @param <O>   result type.
     * @return the future result; it completes exceptionally with a {@link TaskFailedException}.
     * @throws IllegalStateException    if the pool is shut down.
     * @throws IllegalArgumentException if the input cannot be encoded or is larger than the pool's messages.
     */
    public <I, O> CompletableFuture<O> submit(final Class<? extends PoolTask<I, O>> task, final I input)
    {
        Objects.requireNonNull(task, "task");
        final byte[] encoded = encode(input);
        checkSize(PoolProtocol.taskSize(encoded.length, task.getName()), encoded.length);
        @SuppressWarnings("unchecked")
        final CompletableFuture<O> typed =
            (CompletableFuture<O>)(CompletableFuture<?>)enqueue(task.getName(), PoolProtocol.SINGLE, encoded);
        return typed;
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
     *                                  element.
     * @throws InterruptedException     if interrupted while waiting (the tasks keep running).
     * @throws IllegalArgumentException if an input cannot be encoded or does not fit a message.
     */
    public <I, O> List<O> map(final Class<? extends PoolTask<I, O>> task, final Collection<? extends I> inputs)
        throws InterruptedException
    {
        final int chunk = (int)Math.max(1, (inputs.size() + 4L * workers.length - 1) / (4L * workers.length));
        return map(task, inputs, chunk);
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
     * @throws InterruptedException     if interrupted while waiting (the tasks keep running).
     * @throws IllegalArgumentException if chunksize is below 1, or an input cannot be encoded or does not fit.
     */
    public <I, O> List<O> map(final Class<? extends PoolTask<I, O>> task, final Collection<? extends I> inputs,
        final int chunksize) throws InterruptedException
    {
        Objects.requireNonNull(task, "task");
        if (chunksize < 1)
        {
            throw new IllegalArgumentException("chunksize " + chunksize + " must be at least 1");
        }
        final long room = options.maxMessageBytes - PoolProtocol.taskSize(4, task.getName());
        final List<CompletableFuture<Object>> chunks = new ArrayList<>();
        List<byte[]> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (final I input : inputs)
        {
            final byte[] encoded = encode(input);
            final int framed = PoolProtocol.framedSize(encoded.length);
            checkSize(PoolProtocol.taskSize(4L + framed, task.getName()), encoded.length);
            if (!chunk.isEmpty() && (chunk.size() == chunksize || chunkBytes + framed > room))
            {
                chunks.add(enqueue(task.getName(), PoolProtocol.CHUNK, PoolProtocol.frame(chunk)));
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(encoded);
            chunkBytes += framed;
        }
        if (!chunk.isEmpty())
        {
            chunks.add(enqueue(task.getName(), PoolProtocol.CHUNK, PoolProtocol.frame(chunk)));
        }
        final List<O> outputs = new ArrayList<>(inputs.size());
        for (final CompletableFuture<Object> future : chunks)
        {
            for (final byte[] encoded : PoolProtocol.unframe((byte[])await(future)))
            {
                outputs.add(decodeResult(encoded));
            }
        }
        return outputs;
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
        final Iterator<? extends I> source = inputs.iterator();
        final int window = 2 * workers.length;
        return new Iterator<>()
        {
            private final Deque<CompletableFuture<O>> ahead = new ArrayDeque<>();

            @Override
            public boolean hasNext()
            {
                fill();
                return !ahead.isEmpty();
            }

            @Override
            public O next()
            {
                fill();
                if (ahead.isEmpty())
                {
                    throw new NoSuchElementException();
                }
                try
                {
                    return await(ahead.removeFirst());
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a result", ex);
                }
            }

            private void fill()
            {
                while (ahead.size() < window && source.hasNext())
                {
                    ahead.addLast(submit(task, source.next()));
                }
            }
        };
    }

    /**
     * Stops accepting tasks (Python's {@code close}); queued tasks still run, then the workers exit.
     */
    public synchronized void shutdown()
    {
        accepting = false;
        dispatchLocked();
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
        final List<Runnable> completions = new ArrayList<>();
        synchronized (this)
        {
            accepting = false;
            if (finished)
            {
                return;
            }
            for (final Job job : jobs.values())
            {
                completions.add(fail(job, TaskFailedException.Reason.POOL_SHUT_DOWN,
                    "pool shut down before task " + job.describe() + " finished", 0, null, null));
            }
            jobs.clear();
            pending.clear();
            for (final Worker worker : workers)
            {
                worker.inFlight.clear();
            }
            killAll();
            finishLocked();
        }
        completions.forEach(Runnable::run);
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
            if (!join(options.closeTimeout))
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
        return "JvmPool[" + workers.length + " workers, " + regionPath + "]";
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
        if (messageBytes > options.maxMessageBytes)
        {
            throw new IllegalArgumentException("input of " + inputBytes + " encoded bytes does not fit the " +
                "pool's messages of " + options.maxMessageBytes + " bytes (Builder.maxMessageBytes)");
        }
    }

    private CompletableFuture<Object> enqueue(final String taskClass, final byte kind, final byte[] payload)
    {
        final CompletableFuture<Object> future = new CompletableFuture<>();
        synchronized (this)
        {
            if (!accepting)
            {
                throw new IllegalStateException("pool is shut down");
            }
            final Job job = new Job(nextId++, taskClass, kind, payload, future);
            jobs.put(job.id, job);
            pending.addLast(job);
            dispatchLocked();
        }
        return future;
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

    private static <O> O await(final CompletableFuture<O> future) throws InterruptedException
    {
        try
        {
            return future.get();
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof TaskFailedException)
            {
                throw (TaskFailedException)ex.getCause();
            }
            throw new IllegalStateException("task failed", ex.getCause());
        }
    }

    private void dispatch()
    {
        try
        {
            while (true)
            {
                synchronized (this)
                {
                    if (finished)
                    {
                        return;
                    }
                }
                final byte[] first = results.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                final List<Runnable> completions = new ArrayList<>();
                synchronized (this)
                {
                    if (finished)
                    {
                        return;
                    }
                    if (first != null)
                    {
                        completions.add(onResult(first));
                    }
                    drainResults(completions);
                    checkWorkers(completions);
                    dispatchLocked();
                    if (!accepting && jobs.isEmpty() && allExited())
                    {
                        finishLocked();
                    }
                }
                completions.forEach(Runnable::run);
            }
        }
        catch (final InterruptedException ex)
        {
            shutdownNow();
        }
        catch (final RuntimeException | Error ex)
        {
            synchronized (this)
            {
                if (finished)
                {
                    // shutdownNow() from another thread closed the region under our poll: nothing is wrong.
                    return;
                }
            }
            shutdownNow();
            throw ex;
        }
    }

    private void drainResults(final List<Runnable> completions)
    {
        for (byte[] message; (message = results.poll()) != null; )
        {
            completions.add(onResult(message));
        }
    }

    private Runnable onResult(final byte[] message)
    {
        final Job job = jobs.remove(PoolProtocol.id(message));
        if (job == null)
        {
            return () -> { };
        }
        final Worker worker = job.worker;
        worker.inFlight.remove(job);
        worker.completed++;
        startFailures = 0;
        final long pid = worker.child.pid();
        final byte status = PoolProtocol.status(message);
        final byte[] payload = PoolProtocol.payload(message);
        if (status == PoolProtocol.OK && job.kind == PoolProtocol.CHUNK)
        {
            // map() decodes the chunk's results in the caller's thread.
            return () -> job.future.complete(payload);
        }
        if (status == PoolProtocol.OK)
        {
            try
            {
                final Object value = codec.decode(payload);
                return () -> job.future.complete(value);
            }
            catch (final Exception ex)
            {
                return fail(job, TaskFailedException.Reason.CODEC, "result of task " + job.describe() +
                    " from worker pid " + pid + " cannot be decoded", pid, worker.child.logFile(),
                    PoolProtocol.stackTrace(ex));
            }
        }
        final String trace = new String(payload, StandardCharsets.UTF_8);
        final String firstLine = trace.lines().findFirst().orElse("");
        final TaskFailedException.Reason reason = status == PoolProtocol.THREW ?
            TaskFailedException.Reason.THREW : TaskFailedException.Reason.CODEC;
        return fail(job, reason, "task " + job.describe() + " failed in worker pid " + pid + ": " + firstLine,
            pid, worker.child.logFile(), trace);
    }

    private void checkWorkers(final List<Runnable> completions)
    {
        final long now = System.currentTimeMillis();
        for (final Worker worker : workers)
        {
            if (worker.child == null)
            {
                continue;
            }
            if (options.taskTimeout != null && !worker.timedOut && started.get(worker.index) != 0 &&
                now - startedAt.get(worker.index) > options.taskTimeout.toMillis())
            {
                worker.timedOut = true;
                worker.child.kill();
            }
            if (!worker.child.isAlive())
            {
                drainResults(completions);
                onExit(worker, completions);
            }
        }
    }

    private void onExit(final Worker worker, final List<Runnable> completions)
    {
        final ChildJvm child = worker.child;
        final long running = started.get(worker.index);
        final String exit = "worker pid " + child.pid() + " " +
            (worker.timedOut ? "killed after the task timeout of " + options.taskTimeout : exitDescription(child));
        final boolean clean = !worker.timedOut && child.exitValue() == 0 && worker.inFlight.isEmpty();
        for (final Job job : worker.inFlight)
        {
            if (job.id == running)
            {
                jobs.remove(job.id);
                completions.add(fail(job, worker.timedOut ? TaskFailedException.Reason.TIMED_OUT :
                    TaskFailedException.Reason.WORKER_DIED, "task " + job.describe() + " failed: " + exit +
                    "; log " + child.logFile(), child.pid(), child.logFile(), child.failure().orElse(null)));
            }
            else
            {
                pending.addFirst(job);
            }
        }
        worker.inFlight.clear();
        started.set(worker.index, 0);
        if (!clean)
        {
            startFailures = worker.completed == 0 && running == 0 ? startFailures + 1 : 0;
            worker.generation++;
        }
        worker.child = null;
        if (startFailures >= MAX_START_FAILURES)
        {
            brokenReason = MAX_START_FAILURES + " new workers in a row died before finishing a task; last: " +
                exit + "; log " + child.logFile() + child.failure().map(f -> "\n" + f).orElse("");
            failAllLocked(completions);
            return;
        }
        if (!pending.isEmpty() || accepting)
        {
            try
            {
                worker.start();
            }
            catch (final IOException | RuntimeException ex)
            {
                brokenReason = "cannot start a replacement worker: " + ex;
                failAllLocked(completions);
            }
        }
    }

    private void failAllLocked(final List<Runnable> completions)
    {
        accepting = false;
        for (final Job job : jobs.values())
        {
            completions.add(fail(job, TaskFailedException.Reason.WORKER_DIED, "pool broken: " + brokenReason,
                0, null, null));
        }
        jobs.clear();
        pending.clear();
        killAll();
        finishLocked();
    }

    private void dispatchLocked()
    {
        for (final Worker worker : workers)
        {
            while (!pending.isEmpty() && worker.canTake(options.maxTasksPerChild))
            {
                final Job job = pending.peekFirst();
                if (!worker.inbox.offer(PoolProtocol.task(job.id, job.kind, job.taskClass, job.input)))
                {
                    break;
                }
                pending.removeFirst();
                job.worker = worker;
                worker.inFlight.addLast(job);
                worker.assigned++;
            }
            if (!accepting && pending.isEmpty() && worker.child != null && !worker.inbox.isClosed())
            {
                worker.inbox.close();
            }
        }
    }

    private boolean allExited()
    {
        for (final Worker worker : workers)
        {
            if (worker.child != null && worker.child.isAlive())
            {
                return false;
            }
        }
        return true;
    }

    private void finishLocked()
    {
        if (!finished)
        {
            finished = true;
            cleanUp();
            terminated.countDown();
        }
    }

    private void killAll()
    {
        for (final Worker worker : workers)
        {
            if (worker.child != null)
            {
                worker.child.close();
            }
        }
    }

    private void cleanUp()
    {
        region.close();
        try
        {
            Files.deleteIfExists(regionPath);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove pool region " + regionPath, ex);
        }
    }

    private static Runnable fail(final Job job, final TaskFailedException.Reason reason, final String message,
        final long pid, final Path log, final String trace)
    {
        final TaskFailedException failure = new TaskFailedException(reason, message, pid, log, trace);
        return () -> job.future.completeExceptionally(failure);
    }

    private static String exitDescription(final ChildJvm child)
    {
        final int status = child.exitValue();
        return status > 128 ? "died of signal " + (status - 128) : "exited with status " + status;
    }

    /** One task on its way. */
    private static final class Job
    {
        final long id;
        final String taskClass;
        final byte kind;
        final byte[] input;
        final CompletableFuture<Object> future;
        Worker worker;

        Job(final long id, final String taskClass, final byte kind, final byte[] input,
            final CompletableFuture<Object> future)
        {
            this.id = id;
            this.taskClass = taskClass;
            this.kind = kind;
            this.input = input;
            this.future = future;
        }

        String describe()
        {
            return "#" + id + " (" + taskClass + (kind == PoolProtocol.CHUNK ? ", a chunk of map)" : ")");
        }
    }

    /** One worker slot: its current child JVM, its inbox and what it holds. */
    private final class Worker
    {
        final int index;
        final Deque<Job> inFlight = new ArrayDeque<>();
        ChildJvm child;
        SharedQueue inbox;
        int generation;
        long assigned;
        long completed;
        boolean timedOut;

        Worker(final int index)
        {
            this.index = index;
        }

        boolean canTake(final long maxTasks)
        {
            // One task at a time per worker: a long task never holds up a short one queued behind it.
            return child != null && child.isAlive() && inFlight.isEmpty() && !inbox.isClosed() &&
                (maxTasks == 0 || assigned < maxTasks);
        }

        void start() throws IOException
        {
            // A worker that died may have left a slot of its inbox claimed, and a closed inbox takes nothing: the
            // successor then gets a fresh inbox.
            if (inbox != null && inbox.isClosed())
            {
                generation++;
            }
            final String inboxName = PoolProtocol.inbox(index) + "." + generation;
            inbox = region.queue(inboxName, PoolProtocol.INBOX_SLOTS, options.maxMessageBytes);
            assigned = 0;
            completed = 0;
            timedOut = false;
            started.set(index, 0);
            child = ChildJvm.builder(PoolWorker.class)
                .jvmArgs(options.jvmArgs.toArray(new String[0]))
                .logDirectory(options.logDirectory)
                .args(regionPath.toString(), Integer.toString(index), Integer.toString(workers.length),
                    options.codec.getName(), Long.toString(options.maxTasksPerChild),
                    Integer.toString(options.maxMessageBytes), inboxName,
                    Long.toString(ProcessLiveness.selfPid()), Long.toString(ProcessLiveness.selfStartTime()))
                .start();
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
        private Class<? extends PoolCodec> codec = JavaSerializationCodec.class;
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
         * @param timeout how long {@link JvmPool#close()} waits for queued tasks before killing (default 60 s).
         * @return this builder.
         */
        public Builder closeTimeout(final Duration timeout)
        {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param codec encodes inputs and results (default {@link JavaSerializationCodec}).
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
         * @return the started pool.
         * @throws IOException if its region or workers cannot be created.
         */
        public JvmPool build() throws IOException
        {
            return new JvmPool(this);
        }
    }
}

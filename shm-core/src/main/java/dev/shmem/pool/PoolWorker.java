package dev.shmem.pool;

import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.internal.liveness.ProcessLiveness;
import dev.shmem.internal.wait.KernelWaitThread;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The main of a {@code JvmPool} worker JVM: takes tasks from the pool's one task queue, runs them, puts results.
 * Exits when the task queue reaches end of stream, after {@code maxTasks} tasks, or when its parent is gone.
 *
 * <p>Arguments: {@code REGION WORKER WORKERS CODEC_CLASS MAX_TASKS MAX_MESSAGE_BYTES TASK_SLOTS RESULT_SLOTS
 * PARENT_PID PARENT_START}.
 *
 * <p>What the parent reads to attribute a task to a worker that died ({@code pool.started[WORKER]}): {@link
 * PoolProtocol#TAKING} before every take from the queue, the task's id right after the take, the same id until
 * its result has been put, then {@code TAKING} again (or {@link PoolProtocol#IDLE} on the way out). So a task
 * the parent finds taken from the queue, unfinished and named by no worker was taken by a worker that is still
 * {@code TAKING}: one that died there, or a live one about to publish it.
 */
public final class PoolWorker
{
    private static final long POLL_MILLIS = 200;
    /**
     * For tests only ({@code -Dshm.pool.test.pauseAfterTakeMillis}): a pause between taking a task and naming
     * it, the window in which a worker's death leaves its task unnamed. 0, the default, for none.
     */
    private static final long PAUSE_AFTER_TAKE_MILLIS = Long.getLong("shm.pool.test.pauseAfterTakeMillis", 0);

    private PoolWorker()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception if the worker cannot start; reported to the parent by {@code ChildMain}.
     */
    public static void main(final String[] args) throws Exception
    {
        // The task loop runs in a thread that sleeps in the kernel on the task queue itself: a task offered by the
        // parent wakes it in one hop, not two (the waker thread, then an unpark).
        final Throwable[] failure = new Throwable[1];
        final Thread loop = new KernelWaitThread(() ->
        {
            try
            {
                work(args);
            }
            catch (final Throwable ex)
            {
                failure[0] = ex;
            }
        }, "shm-pool-worker");
        loop.setDaemon(false);
        loop.start();
        loop.join();
        // Read after join(): the thread's writes happen-before join returns.
        if (failure[0] instanceof Error)
        {
            throw (Error)failure[0];
        }
        if (failure[0] instanceof Exception)
        {
            throw (Exception)failure[0];
        }
        if (failure[0] != null)
        {
            // A Throwable that is neither (thrown sneakily): the child must still fail.
            throw new IllegalStateException("the worker thread failed", failure[0]);
        }
    }

    private static void work(final String[] args) throws Exception
    {
        final Path path = Path.of(args[0]);
        final int index = Integer.parseInt(args[1]);
        final int workers = Integer.parseInt(args[2]);
        final PoolCodec codec = (PoolCodec)newInstance(Class.forName(args[3]));
        final long maxTasks = Long.parseLong(args[4]);
        final int maxMessageBytes = Integer.parseInt(args[5]);
        final int taskSlots = Integer.parseInt(args[6]);
        final int resultSlots = Integer.parseInt(args[7]);
        final long parentPid = Long.parseLong(args[8]);
        final long parentStart = Long.parseLong(args[9]);
        try (SharedRegion region = SharedRegion.open(path))
        {
            final PoolRegion pool = PoolRegion.attach(path, region, workers, taskSlots, resultSlots, maxMessageBytes);
            final SharedQueue tasks = pool.tasks;
            final SharedQueue results = pool.results;
            final SharedLongArray started = pool.started;
            final SharedLongArray startedAt = pool.startedAt;
            final Map<String, PoolTask<Object, Object>> functions = new HashMap<>();
            final long self = ProcessHandle.current().pid();
            pool.ready.set(index, self);
            try
            {
                long done = 0;
                while (maxTasks == 0 || done < maxTasks)
                {
                    // Volatile stores (SharedLongArray.set) throughout: the parent's volatile reads of
                    // pool.started pair with them (PoolSupervisor.supervise).
                    started.set(index, PoolProtocol.TAKING);
                    final byte[] task = tasks.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (task == null)
                    {
                        if (tasks.isEndOfStream() || !ProcessLiveness.isAlive(parentPid, parentStart))
                        {
                            return;
                        }
                        continue;
                    }
                    if (PAUSE_AFTER_TAKE_MILLIS > 0)
                    {
                        Thread.sleep(PAUSE_AFTER_TAKE_MILLIS);
                    }
                    final long id = PoolProtocol.id(task);
                    startedAt.set(index, System.currentTimeMillis());
                    started.set(index, id);
                    final byte[] result = run(functions, codec, task, id, self, maxMessageBytes);
                    // The result is put before the id is replaced: a parent that no longer sees the id finds it.
                    results.put(result);
                    done++;
                }
            }
            finally
            {
                started.set(index, PoolProtocol.IDLE);
            }
        }
    }

    private static byte[] run(final Map<String, PoolTask<Object, Object>> tasks, final PoolCodec codec,
        final byte[] task, final long id, final long self, final int maxMessageBytes)
    {
        final byte[] output;
        try
        {
            final PoolTask<Object, Object> function = taskFor(tasks, PoolProtocol.taskClass(task));
            final byte[] input = PoolProtocol.taskInput(task);
            if (PoolProtocol.kind(task) == PoolProtocol.CHUNK)
            {
                final List<byte[]> inputs = PoolProtocol.unframe(input);
                final List<byte[]> outputs = new ArrayList<>(inputs.size());
                for (int i = 0; i < inputs.size(); i++)
                {
                    try
                    {
                        outputs.add(apply(function, codec, inputs.get(i)));
                    }
                    catch (final CodecFailure ex)
                    {
                        return failure(id, self, PoolProtocol.CODEC, ex.getCause(), chunkNote(i, inputs.size()),
                            maxMessageBytes);
                    }
                    catch (final Throwable ex)
                    {
                        return failure(id, self, PoolProtocol.THREW, ex, chunkNote(i, inputs.size()), maxMessageBytes);
                    }
                }
                output = PoolProtocol.frame(outputs);
            }
            else
            {
                output = apply(function, codec, input);
            }
        }
        catch (final CodecFailure ex)
        {
            return failure(id, self, PoolProtocol.CODEC, ex.getCause(), "", maxMessageBytes);
        }
        catch (final Throwable ex)
        {
            return failure(id, self, PoolProtocol.THREW, ex, "", maxMessageBytes);
        }
        if (PoolProtocol.resultSize(output.length) > maxMessageBytes)
        {
            return failure(id, self, PoolProtocol.CODEC, new IllegalArgumentException("result of " + output.length +
                " bytes is larger than the pool's max message bytes (" + maxMessageBytes + ")"), "", maxMessageBytes);
        }
        return PoolProtocol.result(id, self, PoolProtocol.OK, output);
    }

    private static byte[] apply(final PoolTask<Object, Object> function, final PoolCodec codec, final byte[] input)
        throws Exception
    {
        final Object value;
        try
        {
            value = codec.decode(input);
        }
        catch (final Exception ex)
        {
            throw new CodecFailure(ex);
        }
        final Object result = function.apply(value);
        try
        {
            return codec.encode(result);
        }
        catch (final Exception ex)
        {
            throw new CodecFailure(ex);
        }
    }

    private static String chunkNote(final int index, final int size)
    {
        return " [element " + index + " of a chunk of " + size + "]";
    }

    /** A codec failure, told apart from the task's own exceptions. */
    private static final class CodecFailure extends Exception
    {
        private static final long serialVersionUID = 1L;

        CodecFailure(final Exception cause)
        {
            super(cause);
        }
    }

    private static byte[] failure(final long id, final long self, final byte status, final Throwable error,
        final String note,
        final int maxMessageBytes)
    {
        final String stack = PoolProtocol.stackTrace(error);
        final int firstLineEnd = stack.indexOf('\n') < 0 ? stack.length() : stack.indexOf('\n');
        byte[] trace = (stack.substring(0, firstLineEnd).stripTrailing() + note + stack.substring(firstLineEnd))
            .getBytes(StandardCharsets.UTF_8);
        final int room = (int)(maxMessageBytes - PoolProtocol.resultSize(0));
        if (trace.length > room)
        {
            trace = java.util.Arrays.copyOf(trace, Math.max(0, room));
        }
        return PoolProtocol.result(id, self, status, trace);
    }

    @SuppressWarnings("unchecked")
    private static PoolTask<Object, Object> taskFor(final Map<String, PoolTask<Object, Object>> tasks,
        final String className) throws ReflectiveOperationException
    {
        PoolTask<Object, Object> task = tasks.get(className);
        if (task == null)
        {
            task = (PoolTask<Object, Object>)newInstance(Class.forName(className));
            tasks.put(className, task);
        }
        return task;
    }

    private static Object newInstance(final Class<?> type) throws ReflectiveOperationException
    {
        final Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.trySetAccessible();
        return constructor.newInstance();
    }
}

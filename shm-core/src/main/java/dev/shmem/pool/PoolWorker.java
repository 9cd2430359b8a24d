package dev.shmem.pool;

import dev.shmem.internal.liveness.ProcessLiveness;

import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The main of a {@code JvmPool} worker JVM: takes tasks from its inbox, runs them, puts results. Exits when its
 * inbox reaches end of stream, after {@code maxTasks} tasks, or when its parent is gone.
 *
 * <p>Arguments: {@code REGION WORKER WORKERS CODEC_CLASS MAX_TASKS MAX_MESSAGE_BYTES INBOX PARENT_PID
 * PARENT_START}.
 */
public final class PoolWorker
{
    private PoolWorker()
    {
    }

    /**
     * @param args see the class comment.
     * @throws Exception if the worker cannot start; reported to the parent by {@code ChildMain}.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path path = Path.of(args[0]);
        final int index = Integer.parseInt(args[1]);
        final int workers = Integer.parseInt(args[2]);
        final PoolCodec codec = (PoolCodec)newInstance(Class.forName(args[3]));
        final long maxTasks = Long.parseLong(args[4]);
        final int maxMessageBytes = Integer.parseInt(args[5]);
        final String inboxName = args[6];
        final long parentPid = Long.parseLong(args[7]);
        final long parentStart = Long.parseLong(args[8]);
        try (SharedRegion region = SharedRegion.open(path))
        {
            final SharedQueue inbox = region.queue(inboxName, PoolProtocol.INBOX_SLOTS,
                maxMessageBytes);
            final SharedQueue results = region.queue(PoolProtocol.RESULTS, resultSlots(workers), maxMessageBytes);
            final SharedLongArray started = region.longArray(PoolProtocol.STARTED, workers);
            final SharedLongArray startedAt = region.longArray(PoolProtocol.STARTED_AT, workers);
            final Map<String, PoolTask<Object, Object>> tasks = new HashMap<>();
            long done = 0;
            while (maxTasks == 0 || done < maxTasks)
            {
                final byte[] task = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (task == null)
                {
                    if (inbox.isEndOfStream() || !ProcessLiveness.isAlive(parentPid, parentStart))
                    {
                        return;
                    }
                    continue;
                }
                final long id = PoolProtocol.id(task);
                // Release order: the parent reads these to know which task a dead worker was running.
                startedAt.set(index, System.currentTimeMillis());
                started.set(index, id);
                final byte[] result = run(tasks, codec, task, id, maxMessageBytes);
                started.set(index, 0);
                results.put(result);
                done++;
            }
        }
    }

    /**
     * @param workers pool size.
     * @return slots of the shared results queue.
     */
    public static int resultSlots(final int workers)
    {
        return Math.max(4, 2 * workers * PoolProtocol.INBOX_SLOTS);
    }

    private static byte[] run(final Map<String, PoolTask<Object, Object>> tasks, final PoolCodec codec,
        final byte[] task, final long id, final int maxMessageBytes)
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
                        return failure(id, PoolProtocol.CODEC, ex.getCause(), chunkNote(i, inputs.size()),
                            maxMessageBytes);
                    }
                    catch (final Throwable ex)
                    {
                        return failure(id, PoolProtocol.THREW, ex, chunkNote(i, inputs.size()), maxMessageBytes);
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
            return failure(id, PoolProtocol.CODEC, ex.getCause(), "", maxMessageBytes);
        }
        catch (final Throwable ex)
        {
            return failure(id, PoolProtocol.THREW, ex, "", maxMessageBytes);
        }
        if (PoolProtocol.resultSize(output.length) > maxMessageBytes)
        {
            return failure(id, PoolProtocol.CODEC, new IllegalArgumentException("result of " + output.length +
                " bytes is larger than the pool's max message bytes (" + maxMessageBytes + ")"), "", maxMessageBytes);
        }
        return PoolProtocol.result(id, PoolProtocol.OK, output);
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

    private static byte[] failure(final long id, final byte status, final Throwable error, final String note,
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
        return PoolProtocol.result(id, status, trace);
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

package dev.shmem.pool;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The messages a {@code JvmPool} parent and its workers exchange through their queues, and the names of the
 * region entries they share.
 *
 * <pre>
 * task:   [task id: 8][kind: 1][class name length: 4][class name: UTF-8][input]
 * result: [task id: 8][status: 1][worker pid: 8][result | failure: UTF-8 stack trace]
 * wake:   [0: 8] (the parent waking its own dispatcher)
 * </pre>
 *
 * <p>For kind {@link #SINGLE} the input and result are one value's codec bytes; for kind {@link #CHUNK} they are
 * a {@link #frame frame} of several values' codec bytes (so any codec works, whether or not it encodes lists).
 */
public final class PoolProtocol
{
    public static final byte SINGLE = 0;
    public static final byte CHUNK = 1;

    public static final byte OK = 0;
    public static final byte THREW = 1;
    public static final byte CODEC = 2;

    /** The one task queue every worker takes from. */
    public static final String TASKS = "pool.tasks";
    /** The one results queue every worker puts to. */
    public static final String RESULTS = "pool.out";
    /** Per worker: {@link #IDLE}, {@link #TAKING} or the id of the task it runs. */
    public static final String STARTED = "pool.started";
    /** Per worker: when it started its task (epoch millis), written before {@link #STARTED}. */
    public static final String STARTED_AT = "pool.startedAt";
    /** Per worker: the pid of the worker once it is ready to take tasks. */
    public static final String READY = "pool.ready";

    /** A {@link #STARTED} value: not taking tasks (starting, or exiting). */
    public static final long IDLE = 0;
    /**
     * A {@link #STARTED} value: waiting for a task, or between taking one from the queue and publishing its id.
     */
    public static final long TAKING = -1;

    private static final int TASK_HEADER = 8 + 1 + 4;
    private static final int RESULT_HEADER = 8 + 1 + 8;
    private static final byte[] WAKE = new byte[8];

    private PoolProtocol()
    {
    }

    /**
     * @param id        task id.
     * @param kind      {@link #SINGLE} or {@link #CHUNK}.
     * @param taskClass task class name.
     * @param input     encoded input.
     * @return the task message.
     */
    public static byte[] task(final long id, final byte kind, final String taskClass, final byte[] input)
    {
        final byte[] name = taskClass.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(TASK_HEADER + name.length + input.length)
            .putLong(id).put(kind).putInt(name.length).put(name).put(input).array();
    }

    /**
     * @param task a task message.
     * @return its kind.
     */
    public static byte kind(final byte[] task)
    {
        return task[8];
    }

    /**
     * @param values encoded values.
     * @return them in one frame: [count: 4] then [length: 4][bytes] each.
     */
    public static byte[] frame(final java.util.List<byte[]> values)
    {
        int size = 4;
        for (final byte[] value : values)
        {
            size += 4 + value.length;
        }
        final ByteBuffer frame = ByteBuffer.allocate(size).putInt(values.size());
        for (final byte[] value : values)
        {
            frame.putInt(value.length).put(value);
        }
        return frame.array();
    }

    /**
     * @param frame bytes made by {@link #frame}.
     * @return the encoded values.
     */
    public static java.util.List<byte[]> unframe(final byte[] frame)
    {
        final ByteBuffer in = ByteBuffer.wrap(frame);
        final int count = in.getInt();
        final java.util.List<byte[]> values = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++)
        {
            final byte[] value = new byte[in.getInt()];
            in.get(value);
            values.add(value);
        }
        return values;
    }

    /**
     * @param bytes an encoded value.
     * @return what it adds to a frame.
     */
    public static int framedSize(final int bytes)
    {
        return 4 + bytes;
    }

    /**
     * @param message a task message.
     * @return its id.
     */
    public static long id(final byte[] message)
    {
        return ByteBuffer.wrap(message).getLong(0);
    }

    /**
     * @param task a task message.
     * @return its class name.
     */
    public static String taskClass(final byte[] task)
    {
        final int length = ByteBuffer.wrap(task).getInt(9);
        return new String(task, TASK_HEADER, length, StandardCharsets.UTF_8);
    }

    /**
     * @param task a task message.
     * @return its encoded input.
     */
    public static byte[] taskInput(final byte[] task)
    {
        final int start = TASK_HEADER + ByteBuffer.wrap(task).getInt(9);
        final byte[] input = new byte[task.length - start];
        System.arraycopy(task, start, input, 0, input.length);
        return input;
    }

    /**
     * @param id      task id.
     * @param worker  pid of the worker that ran it.
     * @param status  {@link #OK}, {@link #THREW} or {@link #CODEC}.
     * @param payload encoded result or UTF-8 stack trace.
     * @return the result message.
     */
    public static byte[] result(final long id, final long worker, final byte status, final byte[] payload)
    {
        return ByteBuffer.allocate(RESULT_HEADER + payload.length).putLong(id).put(status).putLong(worker)
            .put(payload).array();
    }

    /**
     * @return the message a parent puts in its own results queue to wake its dispatcher (task id 0).
     */
    public static byte[] wake()
    {
        return WAKE;
    }

    /**
     * @param result a result message.
     * @return the pid of the worker that sent it.
     */
    public static long workerPid(final byte[] result)
    {
        return ByteBuffer.wrap(result).getLong(9);
    }

    /**
     * @param result a result message.
     * @return its status.
     */
    public static byte status(final byte[] result)
    {
        return result[8];
    }

    /**
     * @param result a result message.
     * @return its payload.
     */
    public static byte[] payload(final byte[] result)
    {
        final byte[] payload = new byte[result.length - RESULT_HEADER];
        System.arraycopy(result, RESULT_HEADER, payload, 0, payload.length);
        return payload;
    }

    /**
     * @param error a throwable.
     * @return its full stack trace as printed.
     */
    public static String stackTrace(final Throwable error)
    {
        final StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text))
        {
            error.printStackTrace(out);
        }
        return text.toString();
    }

    /**
     * @param bytes the task message overhead is added to this.
     * @param taskClass the task class name.
     * @return the size of a task message with an input of {@code bytes}.
     */
    public static long taskSize(final long bytes, final String taskClass)
    {
        return TASK_HEADER + taskClass.getBytes(StandardCharsets.UTF_8).length + bytes;
    }

    /**
     * @param bytes payload size.
     * @return the size of a result message with that payload.
     */
    public static long resultSize(final long bytes)
    {
        return RESULT_HEADER + bytes;
    }
}

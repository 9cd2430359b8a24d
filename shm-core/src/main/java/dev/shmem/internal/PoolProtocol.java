package dev.shmem.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The messages a {@code JvmPool} parent and its workers exchange through their queues, and the names of the
 * region entries they share.
 *
 * <pre>
 * task:   [task id: 8][class name length: 4][class name: UTF-8][input: codec bytes]
 * result: [task id: 8][status: 1][result: codec bytes | failure: UTF-8 stack trace]
 * </pre>
 */
public final class PoolProtocol
{
    public static final byte OK = 0;
    public static final byte THREW = 1;
    public static final byte CODEC = 2;

    public static final String RESULTS = "pool.out";
    public static final String STARTED = "pool.started";
    public static final String STARTED_AT = "pool.startedAt";
    public static final int INBOX_SLOTS = 4;

    private static final int TASK_HEADER = 8 + 4;
    private static final int RESULT_HEADER = 8 + 1;

    private PoolProtocol()
    {
    }

    /**
     * @param worker worker index.
     * @return the name of its inbox queue.
     */
    public static String inbox(final int worker)
    {
        return "pool.in." + worker;
    }

    /**
     * @param id        task id.
     * @param taskClass task class name.
     * @param input     encoded input.
     * @return the task message.
     */
    public static byte[] task(final long id, final String taskClass, final byte[] input)
    {
        final byte[] name = taskClass.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(TASK_HEADER + name.length + input.length)
            .putLong(id).putInt(name.length).put(name).put(input).array();
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
        final int length = ByteBuffer.wrap(task).getInt(8);
        return new String(task, TASK_HEADER, length, StandardCharsets.UTF_8);
    }

    /**
     * @param task a task message.
     * @return its encoded input.
     */
    public static byte[] taskInput(final byte[] task)
    {
        final int start = TASK_HEADER + ByteBuffer.wrap(task).getInt(8);
        final byte[] input = new byte[task.length - start];
        System.arraycopy(task, start, input, 0, input.length);
        return input;
    }

    /**
     * @param id      task id.
     * @param status  {@link #OK}, {@link #THREW} or {@link #CODEC}.
     * @param payload encoded result or UTF-8 stack trace.
     * @return the result message.
     */
    public static byte[] result(final long id, final byte status, final byte[] payload)
    {
        return ByteBuffer.allocate(RESULT_HEADER + payload.length).putLong(id).put(status).put(payload).array();
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

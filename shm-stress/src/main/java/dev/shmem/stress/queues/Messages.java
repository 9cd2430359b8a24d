package dev.shmem.stress.queues;

import dev.shmem.SharedQueue;

import java.util.Arrays;

/**
 * Messages of the queue tests and how the tests tell them apart: a message is known by its exact bytes, and
 * anything else (a torn or foreign message) reads as {@link #UNKNOWN}.
 */
final class Messages
{
    /** What a poll that got nothing reads as. */
    static final int NONE = 0;
    /** What a message that is none of the expected ones reads as. */
    static final int UNKNOWN = 9;
    /** Most messages the arbiter drains before it gives up (a queue that keeps returning messages is broken). */
    private static final int MAX_DRAINED = 8;

    private Messages()
    {
    }

    /**
     * @param length bytes.
     * @param value  every byte's value.
     * @return the message.
     */
    static byte[] filled(final int length, final int value)
    {
        final byte[] message = new byte[length];
        Arrays.fill(message, (byte)value);
        return message;
    }

    /**
     * @param message  a polled message, or null.
     * @param expected the messages the test offered; message {@code i} reads as {@code i + 1}.
     * @return {@link #NONE}, {@code i + 1}, or {@link #UNKNOWN}.
     */
    static int identify(final byte[] message, final byte[]... expected)
    {
        if (message == null)
        {
            return NONE;
        }
        for (int i = 0; i < expected.length; i++)
        {
            if (Arrays.equals(message, expected[i]))
            {
                return i + 1;
            }
        }
        return UNKNOWN;
    }

    /**
     * Polls until the queue is empty.
     *
     * @param queue    the queue, with no producer or consumer running.
     * @param expected as for {@link #identify}.
     * @return the messages drained, as the digits of a decimal number in the order polled (0 if none; e.g. 12
     *         for message 1 then message 2).
     */
    static int drain(final SharedQueue queue, final byte[]... expected)
    {
        int drained = 0;
        for (int i = 0; i < MAX_DRAINED; i++)
        {
            final byte[] message = queue.poll();
            if (message == null)
            {
                return drained;
            }
            drained = drained * 10 + identify(message, expected);
        }
        return -1;
    }
}

package dev.shmem.bench.runner.scenarios;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The messages of the queue scenarios. Every message starts with an id word, {@code producer << 48 | sequence}
 * (little-endian), so that consumers can check that each producer's messages arrive once and in order. A message
 * of at least {@value #STAMPED_MIN_BYTES} bytes repeats the id in its last 8 bytes, so that a torn message would
 * be seen, and has a time stamp word at offset {@value #STAMP_OFFSET}: the {@code System.nanoTime()} of its offer
 * (one clock for all processes: {@code CLOCK_MONOTONIC}) for one message in {@value #LATENCY_SAMPLE} of each
 * producer, 0 for the others. A {@code nanoTime()} costs about 19 ns here, and two per message would be a sixth
 * of the cost of moving a 1 KiB message: sampling keeps the clock out of the throughput, and the messages are
 * alike, so the sample's percentiles stand for all.
 */
final class QueueMessage
{
    /** Bits of the sequence number in the id. */
    static final int SEQUENCE_BITS = 48;
    /** Offset of the offer time stamp. */
    static final int STAMP_OFFSET = 8;
    /** Smallest message with a time stamp and a trailing id. */
    static final int STAMPED_MIN_BYTES = 24;
    /** One message in this many (a power of 2) carries a time stamp. */
    static final int LATENCY_SAMPLE = 16;

    private static final long SEQUENCE_MASK = (1L << SEQUENCE_BITS) - 1;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private QueueMessage()
    {
    }

    static boolean isStamped(final int bytes)
    {
        return bytes >= STAMPED_MIN_BYTES;
    }

    static boolean isSampled(final long sequence)
    {
        return (sequence & (LATENCY_SAMPLE - 1)) == 0;
    }

    static long id(final int producer, final long sequence)
    {
        return ((long)producer << SEQUENCE_BITS) | sequence;
    }

    static int producerOf(final long id)
    {
        return (int)(id >>> SEQUENCE_BITS);
    }

    static long sequenceOf(final long id)
    {
        return id & SEQUENCE_MASK;
    }

    static long getLong(final byte[] message, final int offset)
    {
        return (long)LONG.get(message, offset);
    }

    static void putLong(final byte[] message, final int offset, final long value)
    {
        LONG.set(message, offset, value);
    }

    /**
     * Checks a received message's length and, if stamped, that its trailing id equals its leading one.
     *
     * @param message the message.
     * @param bytes   the scenario's message length.
     * @return its id.
     * @throws IllegalStateException if it is malformed.
     */
    static long checkedId(final byte[] message, final int bytes)
    {
        if (message.length != bytes)
        {
            throw new IllegalStateException("message of " + message.length + " bytes, expected " + bytes);
        }
        final long id = getLong(message, 0);
        if (isStamped(bytes) && getLong(message, bytes - 8) != id)
        {
            throw new IllegalStateException("torn message: id " + Long.toHexString(id) + " at the start, " +
                Long.toHexString(getLong(message, bytes - 8)) + " at the end");
        }
        return id;
    }
}

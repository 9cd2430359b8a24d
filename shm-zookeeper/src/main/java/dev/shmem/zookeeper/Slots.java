package dev.shmem.zookeeper;

import java.nio.ByteBuffer;
import java.util.function.LongUnaryOperator;

/**
 * The 64-bit slots behind every value and array of this backend: slot {@code i} is in chunk node
 * {@code <entry>/c<i / 64>} at byte {@code (i % 64) * 8} of its {@link Cell} payload, so an array of {@code n}
 * elements is {@code ceil(n / 64)} znodes, created on their first write (an absent chunk reads as zeros). An
 * update is a versioned compare-and-set of the whole chunk, applied exactly once ({@link Cell}); updates of
 * elements in one chunk contend with each other, elements of different chunks do not.
 *
 * <p>{@code int} values are kept as sign-extended longs and {@code double} values as their raw bits, so a
 * compare-and-set of doubles compares bits ({@code NaN} equals the same {@code NaN}, {@code 0.0} is not
 * {@code -0.0}), as on the mapped backend.
 */
final class Slots
{
    static final int PER_CHUNK = 64;
    /** Largest array on this backend: 2^24 elements, 262,144 chunk nodes. */
    static final int MAX_LENGTH = 1 << 24;

    private final ZooKeeperSpace space;
    private final String name;
    private final int length;
    private final Cell[] chunks;

    Slots(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry, final int length)
    {
        this.space = space;
        this.name = entry.name;
        this.length = length;
        this.chunks = new Cell[(length + PER_CHUNK - 1) / PER_CHUNK];
        for (int c = 0; c < chunks.length; c++)
        {
            final int slots = Math.min(PER_CHUNK, length - c * PER_CHUNK);
            chunks[c] = new Cell(space.zk(), entry.path + "/c" + c, new byte[slots * Long.BYTES]);
        }
    }

    String name()
    {
        return name;
    }

    int length()
    {
        return length;
    }

    /**
     * @param index        slot.
     * @param linearizable true to sync with the leader first ({@code get}); false for the plain and acquire
     *                     reads, which see at least what this session wrote or saw.
     * @return the slot's bits.
     */
    long get(final int index, final boolean linearizable)
    {
        check(index);
        space.checkOpen();
        return ByteBuffer.wrap(chunks[index / PER_CHUNK].read(linearizable)).getLong(offset(index));
    }

    /**
     * Applies {@code op} to the slot exactly once.
     *
     * @return the slot's bits before the update.
     */
    long getAndUpdate(final int index, final LongUnaryOperator op)
    {
        check(index);
        space.checkOpen();
        final int offset = offset(index);
        final byte[] old = chunks[index / PER_CHUNK].update(payload ->
        {
            final ByteBuffer b = ByteBuffer.wrap(payload);
            b.putLong(offset, op.applyAsLong(b.getLong(offset)));
            return Cell.Change.to(payload);
        });
        return ByteBuffer.wrap(old).getLong(offset);
    }

    /**
     * @return true if the slot held {@code expected} and now holds {@code newValue}.
     */
    boolean compareAndSet(final int index, final long expected, final long newValue)
    {
        check(index);
        space.checkOpen();
        final int offset = offset(index);
        final byte[] old = chunks[index / PER_CHUNK].update(payload ->
        {
            final ByteBuffer b = ByteBuffer.wrap(payload);
            if (b.getLong(offset) != expected)
            {
                return Cell.Change.NONE;
            }
            b.putLong(offset, newValue);
            return Cell.Change.to(payload);
        });
        return ByteBuffer.wrap(old).getLong(offset) == expected;
    }

    void set(final int index, final long newValue)
    {
        getAndUpdate(index, x -> newValue);
    }

    /**
     * @return every slot, chunk by chunk (each chunk read at one moment; chunks at different moments).
     */
    long[] toArray()
    {
        space.checkOpen();
        final long[] out = new long[length];
        for (int c = 0; c < chunks.length; c++)
        {
            final ByteBuffer b = ByteBuffer.wrap(chunks[c].read(c == 0));
            for (int i = 0; i < b.capacity() / Long.BYTES; i++)
            {
                out[c * PER_CHUNK + i] = b.getLong(i * Long.BYTES);
            }
        }
        return out;
    }

    private void check(final int index)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException(
                "index " + index + " out of bounds for length " + length + " of array '" + name + "'");
        }
    }

    private static int offset(final int index)
    {
        return (index % PER_CHUNK) * Long.BYTES;
    }
}

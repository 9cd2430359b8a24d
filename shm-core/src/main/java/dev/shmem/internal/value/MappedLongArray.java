package dev.shmem.internal.value;

import dev.shmem.SharedLongArray;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedLongArray}.
 */
public final class MappedLongArray implements SharedLongArray
{
    private static final int SHIFT = 3;

    private final String name;
    private final AtomicBuffer buffer;
    private final int length;

    public MappedLongArray(final String name, final AtomicBuffer buffer, final int length)
    {
        this.name = name;
        this.buffer = buffer;
        this.length = length;
    }

    /**
     * @return the entry name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the number of elements.
     */
    public int length()
    {
        return length;
    }

    /**
     * @param index element index.
     * @return the element (volatile read).
     */
    public long get(final int index)
    {
        return buffer.getLongVolatile(offset(index));
    }

    /**
     * @param index    element index.
     * @param newValue the new value (volatile write).
     */
    public void set(final int index, final long newValue)
    {
        buffer.putLongVolatile(offset(index), newValue);
    }

    /**
     * @param index element index.
     * @return the element, read with no ordering (plain): use it under a lock, or after an acquiring read that
     * pairs with the writer's release.
     */
    public long getPlain(final int index)
    {
        return buffer.getLong(offset(index));
    }

    /**
     * @param index    element index.
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    public void setPlain(final int index, final long newValue)
    {
        buffer.putLong(offset(index), newValue);
    }

    /**
     * @param index element index.
     * @return the element (acquire read; pairs with {@link #setRelease} of the same element).
     */
    public long getAcquire(final int index)
    {
        return buffer.getLongAcquire(offset(index));
    }

    /**
     * @param index    element index.
     * @param newValue the new value (release write; pairs with an acquiring read of the element).
     */
    public void setRelease(final int index, final long newValue)
    {
        buffer.putLongRelease(offset(index), newValue);
    }

    /**
     * @param index    element index.
     * @param newValue the new value.
     * @return the previous value.
     */
    public long getAndSet(final int index, final long newValue)
    {
        return buffer.getAndSetLong(offset(index), newValue);
    }

    /**
     * @param index         element index.
     * @param expectedValue the value expected.
     * @param newValue      the value to set if the element equals the expected value.
     * @return true if successful.
     */
    public boolean compareAndSet(final int index, final long expectedValue, final long newValue)
    {
        return buffer.compareAndSetLong(offset(index), expectedValue, newValue);
    }

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the previous value.
     */
    public long getAndAdd(final int index, final long delta)
    {
        return buffer.getAndAddLong(offset(index), delta);
    }

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the updated value.
     */
    public long addAndGet(final int index, final long delta)
    {
        return buffer.getAndAddLong(offset(index), delta) + delta;
    }

    /**
     * @param index element index.
     * @return the updated value.
     */
    public long incrementAndGet(final int index)
    {
        return buffer.getAndAddLong(offset(index), 1) + 1;
    }

    /**
     * @param index element index.
     * @return the previous value.
     */
    public long getAndIncrement(final int index)
    {
        return buffer.getAndAddLong(offset(index), 1);
    }

    /**
     * @param index element index.
     * @return the updated value.
     */
    public long decrementAndGet(final int index)
    {
        return buffer.getAndAddLong(offset(index), -1) - 1;
    }

    /**
     * @param index element index.
     * @return the previous value.
     */
    public long getAndDecrement(final int index)
    {
        return buffer.getAndAddLong(offset(index), -1);
    }

    /**
     * @return the elements, each read with volatile semantics (not an atomic snapshot of the whole array).
     */
    public long[] toArray()
    {
        final long[] values = new long[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = buffer.getLongVolatile(i << SHIFT);
        }
        return values;
    }

    @Override
    public String toString()
    {
        return java.util.Arrays.toString(toArray());
    }

    private int offset(final int index)
    {
        return ArrayIndex.offset(index, length, SHIFT, name);
    }
}

package dev.shmem.internal.value;

import dev.shmem.SharedIntArray;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedIntArray}.
 */
public final class MappedIntArray implements SharedIntArray
{
    private static final int SHIFT = 2;

    private final String name;
    private final AtomicBuffer buffer;
    private final int length;

    public MappedIntArray(final String name, final AtomicBuffer buffer, final int length)
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
    public int get(final int index)
    {
        return buffer.getIntVolatile(offset(index));
    }

    /**
     * @param index    element index.
     * @param newValue the new value (volatile write).
     */
    public void set(final int index, final int newValue)
    {
        buffer.putIntVolatile(offset(index), newValue);
    }

    /**
     * @param index element index.
     * @return the element, read with no ordering (plain): use it under a lock, or after an acquiring read that
     * pairs with the writer's release.
     */
    public int getPlain(final int index)
    {
        return buffer.getInt(offset(index));
    }

    /**
     * @param index    element index.
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    public void setPlain(final int index, final int newValue)
    {
        buffer.putInt(offset(index), newValue);
    }

    /**
     * @param index element index.
     * @return the element (acquire read; pairs with {@link #setRelease} of the same element).
     */
    public int getAcquire(final int index)
    {
        return buffer.getIntAcquire(offset(index));
    }

    /**
     * @param index    element index.
     * @param newValue the new value (release write; pairs with an acquiring read of the element).
     */
    public void setRelease(final int index, final int newValue)
    {
        buffer.putIntRelease(offset(index), newValue);
    }

    /**
     * @param index    element index.
     * @param newValue the new value.
     * @return the previous value.
     */
    public int getAndSet(final int index, final int newValue)
    {
        return buffer.getAndSetInt(offset(index), newValue);
    }

    /**
     * @param index         element index.
     * @param expectedValue the value expected.
     * @param newValue      the value to set if the element equals the expected value.
     * @return true if successful.
     */
    public boolean compareAndSet(final int index, final int expectedValue, final int newValue)
    {
        return buffer.compareAndSetInt(offset(index), expectedValue, newValue);
    }

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the previous value.
     */
    public int getAndAdd(final int index, final int delta)
    {
        return buffer.getAndAddInt(offset(index), delta);
    }

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the updated value.
     */
    public int addAndGet(final int index, final int delta)
    {
        return buffer.getAndAddInt(offset(index), delta) + delta;
    }

    /**
     * @param index element index.
     * @return the updated value.
     */
    public int incrementAndGet(final int index)
    {
        return buffer.getAndAddInt(offset(index), 1) + 1;
    }

    /**
     * @param index element index.
     * @return the previous value.
     */
    public int getAndIncrement(final int index)
    {
        return buffer.getAndAddInt(offset(index), 1);
    }

    /**
     * @param index element index.
     * @return the updated value.
     */
    public int decrementAndGet(final int index)
    {
        return buffer.getAndAddInt(offset(index), -1) - 1;
    }

    /**
     * @param index element index.
     * @return the previous value.
     */
    public int getAndDecrement(final int index)
    {
        return buffer.getAndAddInt(offset(index), -1);
    }

    /**
     * @return the elements, each read with volatile semantics (not an atomic snapshot of the whole array).
     */
    public int[] toArray()
    {
        final int[] values = new int[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = buffer.getIntVolatile(i << SHIFT);
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

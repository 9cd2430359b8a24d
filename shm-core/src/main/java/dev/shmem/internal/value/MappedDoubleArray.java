package dev.shmem.internal.value;

import dev.shmem.SharedDoubleArray;

import org.agrona.concurrent.AtomicBuffer;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedDoubleArray}.
 */
public final class MappedDoubleArray implements SharedDoubleArray
{
    private static final int SHIFT = 3;

    private final String name;
    private final AtomicBuffer buffer;
    private final int length;

    public MappedDoubleArray(final String name, final AtomicBuffer buffer, final int length)
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
    public double get(final int index)
    {
        return longBitsToDouble(buffer.getLongVolatile(offset(index)));
    }

    /**
     * @param index    element index.
     * @param newValue the new value (volatile write).
     */
    public void set(final int index, final double newValue)
    {
        buffer.putLongVolatile(offset(index), doubleToRawLongBits(newValue));
    }

    /**
     * @param index element index.
     * @return the element, read with no ordering (plain): use it under a lock, or after an acquiring read that
     * pairs with the writer's release.
     */
    public double getPlain(final int index)
    {
        return longBitsToDouble(buffer.getLong(offset(index)));
    }

    /**
     * @param index    element index.
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    public void setPlain(final int index, final double newValue)
    {
        buffer.putLong(offset(index), doubleToRawLongBits(newValue));
    }

    /**
     * @param index element index.
     * @return the element (acquire read; pairs with {@link #setRelease} of the same element).
     */
    public double getAcquire(final int index)
    {
        return longBitsToDouble(buffer.getLongAcquire(offset(index)));
    }

    /**
     * @param index    element index.
     * @param newValue the new value (release write; pairs with an acquiring read of the element).
     */
    public void setRelease(final int index, final double newValue)
    {
        buffer.putLongRelease(offset(index), doubleToRawLongBits(newValue));
    }

    /**
     * @param index    element index.
     * @param newValue the new value.
     * @return the previous value.
     */
    public double getAndSet(final int index, final double newValue)
    {
        return longBitsToDouble(buffer.getAndSetLong(offset(index), doubleToRawLongBits(newValue)));
    }

    /**
     * @param index         element index.
     * @param expectedValue the value expected, compared by raw bits.
     * @param newValue      the value to set if the element's bits equal the expected bits.
     * @return true if successful.
     */
    public boolean compareAndSet(final int index, final double expectedValue, final double newValue)
    {
        return buffer.compareAndSetLong(
            offset(index), doubleToRawLongBits(expectedValue), doubleToRawLongBits(newValue));
    }

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the previous value.
     */
    public double getAndAdd(final int index, final double delta)
    {
        final int offset = offset(index);
        while (true)
        {
            final long bits = buffer.getLongVolatile(offset);
            final double current = longBitsToDouble(bits);
            if (buffer.compareAndSetLong(offset, bits, doubleToRawLongBits(current + delta)))
            {
                return current;
            }
        }
    }

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the updated value.
     */
    public double addAndGet(final int index, final double delta)
    {
        return getAndAdd(index, delta) + delta;
    }

    /**
     * @return the elements, each read with volatile semantics (not an atomic snapshot of the whole array).
     */
    public double[] toArray()
    {
        final double[] values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = longBitsToDouble(buffer.getLongVolatile(i << SHIFT));
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

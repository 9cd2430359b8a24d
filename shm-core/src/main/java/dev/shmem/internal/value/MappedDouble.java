package dev.shmem.internal.value;

import dev.shmem.SharedDouble;

import org.agrona.concurrent.AtomicBuffer;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedDouble}.
 */
public final class MappedDouble implements SharedDouble
{
    private static final int VALUE = 0;

    private final String name;
    private final AtomicBuffer buffer;

    public MappedDouble(final String name, final AtomicBuffer buffer)
    {
        this.name = name;
        this.buffer = buffer;
    }

    /**
     * @return the entry name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the current value (volatile read).
     */
    public double get()
    {
        return longBitsToDouble(buffer.getLongVolatile(VALUE));
    }

    /**
     * @param newValue the new value (volatile write).
     */
    public void set(final double newValue)
    {
        buffer.putLongVolatile(VALUE, doubleToRawLongBits(newValue));
    }

    /**
     * @return the current value, read with no ordering (plain): use it under a lock, or after an acquiring read
     * that pairs with the writer's release.
     */
    public double getPlain()
    {
        return longBitsToDouble(buffer.getLong(VALUE));
    }

    /**
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    public void setPlain(final double newValue)
    {
        buffer.putLong(VALUE, doubleToRawLongBits(newValue));
    }

    /**
     * @return the current value (acquire read; pairs with {@link #setRelease} or any write of the value read).
     */
    public double getAcquire()
    {
        return longBitsToDouble(buffer.getLongAcquire(VALUE));
    }

    /**
     * @param newValue the new value (release write; pairs with an acquiring read of it).
     */
    public void setRelease(final double newValue)
    {
        buffer.putLongRelease(VALUE, doubleToRawLongBits(newValue));
    }

    /**
     * @param newValue the new value.
     * @return the previous value.
     */
    public double getAndSet(final double newValue)
    {
        return longBitsToDouble(buffer.getAndSetLong(VALUE, doubleToRawLongBits(newValue)));
    }

    /**
     * @param expectedValue the value expected, compared by raw bits.
     * @param newValue      the value to set if the current bits equal the expected bits.
     * @return true if successful.
     */
    public boolean compareAndSet(final double expectedValue, final double newValue)
    {
        return buffer.compareAndSetLong(VALUE, doubleToRawLongBits(expectedValue), doubleToRawLongBits(newValue));
    }

    /**
     * @param delta the value to add.
     * @return the previous value.
     */
    public double getAndAdd(final double delta)
    {
        while (true)
        {
            final long bits = buffer.getLongVolatile(VALUE);
            final double current = longBitsToDouble(bits);
            if (buffer.compareAndSetLong(VALUE, bits, doubleToRawLongBits(current + delta)))
            {
                return current;
            }
        }
    }

    /**
     * @param delta the value to add.
     * @return the updated value.
     */
    public double addAndGet(final double delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public String toString()
    {
        return Double.toString(get());
    }
}

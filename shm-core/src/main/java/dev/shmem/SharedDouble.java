package dev.shmem;

import org.agrona.concurrent.AtomicBuffer;

import static java.lang.Double.doubleToRawLongBits;
import static java.lang.Double.longBitsToDouble;

/**
 * A {@code double} in a {@link SharedRegion}, stored as its raw IEEE 754 bits in a {@code long} word and updated
 * atomically by every thread of every process that has it. Lock-free: {@link #getAndAdd} is a CAS loop.
 * Obtained with {@link SharedRegion#doubleValue(String)}.
 *
 * <p>{@link #compareAndSet} compares raw bits, like {@link java.lang.invoke.VarHandle} on a {@code double}:
 * {@code 0.0} and {@code -0.0} differ, and a NaN matches only the same NaN bits.
 *
 * <h2>Memory consistency effects</h2>
 * {@link #get} has volatile read semantics and {@link #set} volatile write semantics; {@link #getPlain} and
 * {@link #setPlain} have none (for use under a {@link SharedLock}, which orders them); {@link #compareAndSet},
 * {@link #getAndSet} and the add family are volatile read-modify-writes; {@link #setRelease} pairs with an
 * acquiring read ({@link #getAcquire} or {@link #get}) of the value it wrote.
 *
 * <h2>Failure modes</h2>
 * None: operations never block and never fail. A handle stays usable after its region is closed.
 */
public final class SharedDouble
{
    private static final int VALUE = 0;

    private final String name;
    private final AtomicBuffer buffer;

    SharedDouble(final String name, final AtomicBuffer buffer)
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

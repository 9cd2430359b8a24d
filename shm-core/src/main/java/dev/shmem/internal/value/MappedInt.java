package dev.shmem.internal.value;

import dev.shmem.SharedInt;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedInt}.
 */
public final class MappedInt implements SharedInt
{
    private static final int VALUE = 0;

    private final String name;
    private final AtomicBuffer buffer;

    public MappedInt(final String name, final AtomicBuffer buffer)
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
    public int get()
    {
        return buffer.getIntVolatile(VALUE);
    }

    /**
     * @param newValue the new value (volatile write).
     */
    public void set(final int newValue)
    {
        buffer.putIntVolatile(VALUE, newValue);
    }

    /**
     * @return the current value, read with no ordering (plain): use it under a lock, or after an acquiring read
     * that pairs with the writer's release.
     */
    public int getPlain()
    {
        return buffer.getInt(VALUE);
    }

    /**
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    public void setPlain(final int newValue)
    {
        buffer.putInt(VALUE, newValue);
    }

    /**
     * @return the current value (acquire read; pairs with {@link #setRelease} or any write of the value read).
     */
    public int getAcquire()
    {
        return buffer.getIntAcquire(VALUE);
    }

    /**
     * @param newValue the new value (release write; pairs with an acquiring read of it).
     */
    public void setRelease(final int newValue)
    {
        buffer.putIntRelease(VALUE, newValue);
    }

    /**
     * @param newValue the new value.
     * @return the previous value.
     */
    public int getAndSet(final int newValue)
    {
        return buffer.getAndSetInt(VALUE, newValue);
    }

    /**
     * @param expectedValue the value expected.
     * @param newValue      the value to set if the current value equals the expected one.
     * @return true if successful.
     */
    public boolean compareAndSet(final int expectedValue, final int newValue)
    {
        return buffer.compareAndSetInt(VALUE, expectedValue, newValue);
    }

    /**
     * @param delta the value to add.
     * @return the previous value.
     */
    public int getAndAdd(final int delta)
    {
        return buffer.getAndAddInt(VALUE, delta);
    }

    /**
     * @param delta the value to add.
     * @return the updated value.
     */
    public int addAndGet(final int delta)
    {
        return buffer.getAndAddInt(VALUE, delta) + delta;
    }

    /**
     * @return the updated value.
     */
    public int incrementAndGet()
    {
        return buffer.getAndAddInt(VALUE, 1) + 1;
    }

    /**
     * @return the previous value.
     */
    public int getAndIncrement()
    {
        return buffer.getAndAddInt(VALUE, 1);
    }

    /**
     * @return the updated value.
     */
    public int decrementAndGet()
    {
        return buffer.getAndAddInt(VALUE, -1) - 1;
    }

    /**
     * @return the previous value.
     */
    public int getAndDecrement()
    {
        return buffer.getAndAddInt(VALUE, -1);
    }

    @Override
    public String toString()
    {
        return Integer.toString(get());
    }
}

package dev.shmem.internal.value;

import dev.shmem.SharedLong;

import org.agrona.concurrent.AtomicBuffer;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedLong}.
 */
public final class MappedLong implements SharedLong
{
    private static final int VALUE = 0;

    private final String name;
    private final AtomicBuffer buffer;

    public MappedLong(final String name, final AtomicBuffer buffer)
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
    public long get()
    {
        return buffer.getLongVolatile(VALUE);
    }

    /**
     * @param newValue the new value (volatile write).
     */
    public void set(final long newValue)
    {
        buffer.putLongVolatile(VALUE, newValue);
    }

    /**
     * @return the current value, read with no ordering (plain): use it under a lock, or after an acquiring read
     * that pairs with the writer's release.
     */
    public long getPlain()
    {
        return buffer.getLong(VALUE);
    }

    /**
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    public void setPlain(final long newValue)
    {
        buffer.putLong(VALUE, newValue);
    }

    /**
     * @return the current value (acquire read; pairs with {@link #setRelease} or any write of the value read).
     */
    public long getAcquire()
    {
        return buffer.getLongAcquire(VALUE);
    }

    /**
     * @param newValue the new value (release write; pairs with an acquiring read of it).
     */
    public void setRelease(final long newValue)
    {
        buffer.putLongRelease(VALUE, newValue);
    }

    /**
     * @param newValue the new value.
     * @return the previous value.
     */
    public long getAndSet(final long newValue)
    {
        return buffer.getAndSetLong(VALUE, newValue);
    }

    /**
     * @param expectedValue the value expected.
     * @param newValue      the value to set if the current value equals the expected one.
     * @return true if successful.
     */
    public boolean compareAndSet(final long expectedValue, final long newValue)
    {
        return buffer.compareAndSetLong(VALUE, expectedValue, newValue);
    }

    /**
     * @param delta the value to add.
     * @return the previous value.
     */
    public long getAndAdd(final long delta)
    {
        return buffer.getAndAddLong(VALUE, delta);
    }

    /**
     * @param delta the value to add.
     * @return the updated value.
     */
    public long addAndGet(final long delta)
    {
        return buffer.getAndAddLong(VALUE, delta) + delta;
    }

    /**
     * @return the updated value.
     */
    public long incrementAndGet()
    {
        return buffer.getAndAddLong(VALUE, 1) + 1;
    }

    /**
     * @return the previous value.
     */
    public long getAndIncrement()
    {
        return buffer.getAndAddLong(VALUE, 1);
    }

    /**
     * @return the updated value.
     */
    public long decrementAndGet()
    {
        return buffer.getAndAddLong(VALUE, -1) - 1;
    }

    /**
     * @return the previous value.
     */
    public long getAndDecrement()
    {
        return buffer.getAndAddLong(VALUE, -1);
    }

    @Override
    public String toString()
    {
        return Long.toString(get());
    }
}

package dev.shmem;

import org.agrona.concurrent.AtomicBuffer;

/**
 * A {@code long} in a {@link SharedRegion}, updated atomically by every thread of every process that has it,
 * with the verbs of {@link java.util.concurrent.atomic.AtomicLong}. Lock-free: each update is one atomic
 * instruction (or a CAS loop) on the shared memory. Obtained with {@link SharedRegion#longValue(String)}.
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.atomic.AtomicLong} and {@link java.lang.invoke.VarHandle}, across processes:
 * {@link #get} has volatile read semantics and {@link #set} volatile write semantics; {@link #getPlain} and
 * {@link #setPlain} have none (for use under a {@link SharedLock}, which orders them); {@link #compareAndSet},
 * {@link #getAndSet} and the add family are volatile read-modify-writes; {@link #setRelease} is a release store
 * that pairs with an acquiring read ({@link #getAcquire} or {@link #get}) of the value it wrote, so that writes
 * made before the release are visible after the acquire.
 *
 * <h2>Failure modes</h2>
 * None: operations never block and never fail. A handle stays usable after its region is closed.
 */
public final class SharedLong
{
    private static final int VALUE = 0;

    private final String name;
    private final AtomicBuffer buffer;

    SharedLong(final String name, final AtomicBuffer buffer)
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

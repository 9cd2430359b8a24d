package dev.shmem;

import org.agrona.concurrent.AtomicBuffer;

/**
 * An {@code int} in a {@link SharedRegion}, updated atomically by every thread of every process that has it,
 * with the verbs of {@link java.util.concurrent.atomic.AtomicInteger}. Lock-free: each update is one atomic
 * instruction (or a CAS loop) on the shared memory. Obtained with {@link SharedRegion#intValue(String)}.
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.atomic.AtomicInteger} and {@link java.lang.invoke.VarHandle}, across processes:
 * {@link #get} has volatile read semantics and {@link #set} volatile write semantics; {@link #getPlain} and
 * {@link #setPlain} have none (for use under a {@link SharedLock}, which orders them); {@link #compareAndSet},
 * {@link #getAndSet} and the add family are volatile read-modify-writes; {@link #setRelease} is a release store
 * that pairs with an acquiring read ({@link #getAcquire} or {@link #get}) of the value it wrote, so that writes
 * made before the release are visible after the acquire.
 *
 * <h2>Failure modes</h2>
 * None: operations never block and never fail. A handle stays usable after its region is closed.
 */
public final class SharedInt
{
    private static final int VALUE = 0;

    private final String name;
    private final AtomicBuffer buffer;

    SharedInt(final String name, final AtomicBuffer buffer)
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

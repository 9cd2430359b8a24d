package dev.shmem;

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
public interface SharedLong
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * @return the current value (volatile read).
     */
    long get();

    /**
     * @param newValue the new value (volatile write).
     */
    void set(long newValue);

    /**
     * @return the current value, read with no ordering (plain): use it under a lock, or after an acquiring read
     * that pairs with the writer's release.
     */
    long getPlain();

    /**
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    void setPlain(long newValue);

    /**
     * @return the current value (acquire read; pairs with {@link #setRelease} or any write of the value read).
     */
    long getAcquire();

    /**
     * @param newValue the new value (release write; pairs with an acquiring read of it).
     */
    void setRelease(long newValue);

    /**
     * @param newValue the new value.
     * @return the previous value.
     */
    long getAndSet(long newValue);

    /**
     * @param expectedValue the value expected.
     * @param newValue      the value to set if the current value equals the expected one.
     * @return true if successful.
     */
    boolean compareAndSet(long expectedValue, long newValue);

    /**
     * @param delta the value to add.
     * @return the previous value.
     */
    long getAndAdd(long delta);

    /**
     * @param delta the value to add.
     * @return the updated value.
     */
    long addAndGet(long delta);

    /**
     * @return the updated value.
     */
    long incrementAndGet();

    /**
     * @return the previous value.
     */
    long getAndIncrement();

    /**
     * @return the updated value.
     */
    long decrementAndGet();

    /**
     * @return the previous value.
     */
    long getAndDecrement();
}

package dev.shmem;

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
public interface SharedDouble
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * @return the current value (volatile read).
     */
    double get();

    /**
     * @param newValue the new value (volatile write).
     */
    void set(double newValue);

    /**
     * @return the current value, read with no ordering (plain): use it under a lock, or after an acquiring read
     * that pairs with the writer's release.
     */
    double getPlain();

    /**
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    void setPlain(double newValue);

    /**
     * @return the current value (acquire read; pairs with {@link #setRelease} or any write of the value read).
     */
    double getAcquire();

    /**
     * @param newValue the new value (release write; pairs with an acquiring read of it).
     */
    void setRelease(double newValue);

    /**
     * @param newValue the new value.
     * @return the previous value.
     */
    double getAndSet(double newValue);

    /**
     * @param expectedValue the value expected, compared by raw bits.
     * @param newValue      the value to set if the current bits equal the expected bits.
     * @return true if successful.
     */
    boolean compareAndSet(double expectedValue, double newValue);

    /**
     * @param delta the value to add.
     * @return the previous value.
     */
    double getAndAdd(double delta);

    /**
     * @param delta the value to add.
     * @return the updated value.
     */
    double addAndGet(double delta);
}

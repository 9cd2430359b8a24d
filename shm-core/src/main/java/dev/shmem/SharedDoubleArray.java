package dev.shmem;

/**
 * A fixed-length array of {@code double} in a {@link SharedRegion}, each element stored as its raw IEEE 754 bits
 * and updated atomically by every thread of every process that has it. Obtained with
 * {@link SharedRegion#doubleArray(String, int)}. {@link #compareAndSet} compares raw bits (see
 * {@link SharedDouble}); {@link #getAndAdd} is a CAS loop.
 *
 * <h2>Memory consistency effects</h2>
 * Per element: {@link #getPlain} and {@link #setPlain} are unordered (for use under a {@link SharedLock});
 * {@link #get} is a volatile read, {@link #set} a volatile write, {@link #compareAndSet},
 * {@link #getAndSet} and the add family volatile read-modify-writes, and {@link #setRelease} pairs with an
 * acquiring read ({@link #getAcquire} or {@link #get}) of the same element.
 *
 * <h2>Failure modes</h2>
 * An index outside {@code [0, length())} throws {@link IndexOutOfBoundsException} naming the index, the length
 * and the array; nothing is read or written. A handle stays usable after its region is closed.
 */
public interface SharedDoubleArray
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * @return the number of elements.
     */
    int length();

    /**
     * @param index element index.
     * @return the element (volatile read).
     */
    double get(int index);

    /**
     * @param index    element index.
     * @param newValue the new value (volatile write).
     */
    void set(int index, double newValue);

    /**
     * @param index element index.
     * @return the element, read with no ordering (plain): use it under a lock, or after an acquiring read that
     * pairs with the writer's release.
     */
    double getPlain(int index);

    /**
     * @param index    element index.
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    void setPlain(int index, double newValue);

    /**
     * @param index element index.
     * @return the element (acquire read; pairs with {@link #setRelease} of the same element).
     */
    double getAcquire(int index);

    /**
     * @param index    element index.
     * @param newValue the new value (release write; pairs with an acquiring read of the element).
     */
    void setRelease(int index, double newValue);

    /**
     * @param index    element index.
     * @param newValue the new value.
     * @return the previous value.
     */
    double getAndSet(int index, double newValue);

    /**
     * @param index         element index.
     * @param expectedValue the value expected, compared by raw bits.
     * @param newValue      the value to set if the element's bits equal the expected bits.
     * @return true if successful.
     */
    boolean compareAndSet(int index, double expectedValue, double newValue);

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the previous value.
     */
    double getAndAdd(int index, double delta);

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the updated value.
     */
    double addAndGet(int index, double delta);

    /**
     * @return a copy of the elements, each read with volatile semantics (not an atomic snapshot of the whole).
     */
    double[] toArray();
}

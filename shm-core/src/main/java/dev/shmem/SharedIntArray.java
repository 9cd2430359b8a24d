package dev.shmem;

/**
 * A fixed-length array of {@code int} in a {@link SharedRegion}, each element updated atomically by every thread
 * of every process that has it, with the verbs of {@link java.util.concurrent.atomic.AtomicIntegerArray}.
 * Obtained with {@link SharedRegion#intArray(String, int)}. Elements are 4-byte aligned and never tear.
 *
 * <h2>Memory consistency effects</h2>
 * Per element, as {@link java.util.concurrent.atomic.AtomicIntegerArray}: {@link #getPlain} and
 * {@link #setPlain} are unordered (for use under a {@link SharedLock}); {@link #get} is a volatile read,
 * {@link #set} a volatile write, {@link #compareAndSet}, {@link #getAndSet} and the add family volatile
 * read-modify-writes, and {@link #setRelease} pairs with an acquiring read ({@link #getAcquire} or {@link #get})
 * of the same element.
 *
 * <h2>Failure modes</h2>
 * An index outside {@code [0, length())} throws {@link IndexOutOfBoundsException} naming the index, the length
 * and the array; nothing is read or written. A handle stays usable after its region is closed.
 */
public interface SharedIntArray
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
    int get(int index);

    /**
     * @param index    element index.
     * @param newValue the new value (volatile write).
     */
    void set(int index, int newValue);

    /**
     * @param index element index.
     * @return the element, read with no ordering (plain): use it under a lock, or after an acquiring read that
     * pairs with the writer's release.
     */
    int getPlain(int index);

    /**
     * @param index    element index.
     * @param newValue the new value, written with no ordering (plain): use it under a lock, or before a release
     *                 store that a reader pairs with an acquire.
     */
    void setPlain(int index, int newValue);

    /**
     * @param index element index.
     * @return the element (acquire read; pairs with {@link #setRelease} of the same element).
     */
    int getAcquire(int index);

    /**
     * @param index    element index.
     * @param newValue the new value (release write; pairs with an acquiring read of the element).
     */
    void setRelease(int index, int newValue);

    /**
     * @param index    element index.
     * @param newValue the new value.
     * @return the previous value.
     */
    int getAndSet(int index, int newValue);

    /**
     * @param index         element index.
     * @param expectedValue the value expected.
     * @param newValue      the value to set if the element equals the expected value.
     * @return true if successful.
     */
    boolean compareAndSet(int index, int expectedValue, int newValue);

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the previous value.
     */
    int getAndAdd(int index, int delta);

    /**
     * @param index element index.
     * @param delta the value to add.
     * @return the updated value.
     */
    int addAndGet(int index, int delta);

    /**
     * @param index element index.
     * @return the updated value.
     */
    int incrementAndGet(int index);

    /**
     * @param index element index.
     * @return the previous value.
     */
    int getAndIncrement(int index);

    /**
     * @param index element index.
     * @return the updated value.
     */
    int decrementAndGet(int index);

    /**
     * @param index element index.
     * @return the previous value.
     */
    int getAndDecrement(int index);

    /**
     * @return a copy of the elements, each read with volatile semantics (not an atomic snapshot of the whole).
     */
    int[] toArray();
}

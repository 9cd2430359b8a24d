package dev.shmem;

/**
 * A space of named shared primitives: every get-or-create factory of shm, independent of where the primitives
 * live. {@link SharedRegion} keeps them in a memory-mapped file shared by the processes of one machine;
 * {@code dev.shmem.zookeeper.ZooKeeperSpace} keeps them in Apache ZooKeeper, shared by processes of many
 * machines. Code written against {@code SharedSpace} runs on either.
 *
 * <h2>Names and get-or-create</h2>
 * Every factory is get-or-create by name: the first caller in any process creates the primitive, later callers in
 * any process get the same one. A name is 1 to 127 UTF-8 bytes of printable characters. Sizes and initial
 * values (an array's length, a semaphore's permits, a queue's slots...) are used when the primitive is created;
 * sizes must match an existing primitive's.
 *
 * <h2>Memory consistency effects</h2>
 * The creation of a primitive, including its initial state, happens-before any operation on it through a handle
 * obtained in any process. Each primitive documents the ordering of its operations.
 *
 * <h2>Failure modes</h2>
 * Every factory throws {@link IllegalArgumentException} for a bad name or size (naming the value and what was
 * expected), {@link IllegalStateException} when the name exists as another type or with another size (naming
 * both) or when the space is closed, and {@link RegionFullException} (an {@code IllegalStateException}) when the
 * space has no room left; the space keeps everything it had.
 */
public interface SharedSpace extends AutoCloseable
{
    /**
     * @param name entry name.
     * @return the {@code int} value of that name, created as 0 if new.
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedInt intValue(String name);

    /**
     * @param name entry name.
     * @return the {@code long} value of that name, created as 0 if new.
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedLong longValue(String name);

    /**
     * @param name entry name.
     * @return the {@code double} value of that name, created as 0.0 if new.
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedDouble doubleValue(String name);

    /**
     * @param name   entry name.
     * @param length number of elements (0 or more); must match an existing array's length.
     * @return the {@code int} array of that name, created zero-filled if new.
     * @throws IllegalArgumentException if the name is invalid or the length negative.
     * @throws IllegalStateException    if the name exists as another type or length, the space is closed or full.
     */
    SharedIntArray intArray(String name, int length);

    /**
     * @param name   entry name.
     * @param length number of elements (0 or more); must match an existing array's length.
     * @return the {@code long} array of that name, created zero-filled if new.
     * @throws IllegalArgumentException if the name is invalid or the length negative.
     * @throws IllegalStateException    if the name exists as another type or length, the space is closed or full.
     */
    SharedLongArray longArray(String name, int length);

    /**
     * @param name   entry name.
     * @param length number of elements (0 or more); must match an existing array's length.
     * @return the {@code double} array of that name, created zero-filled if new.
     * @throws IllegalArgumentException if the name is invalid or the length negative.
     * @throws IllegalStateException    if the name exists as another type or length, the space is closed or full.
     */
    SharedDoubleArray doubleArray(String name, int length);

    /**
     * @param name entry name.
     * @return the non-reentrant lock of that name (Python's {@code Lock}), created free if new.
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedLock lock(String name);

    /**
     * @param name entry name.
     * @return the reentrant lock of that name (Python's {@code RLock}), created free if new.
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedReentrantLock reentrantLock(String name);

    /**
     * @param name    entry name.
     * @param permits initial permits, used only if this call creates the semaphore; may be negative, as for
     *                {@link java.util.concurrent.Semaphore} (releases must then come first).
     * @return the semaphore of that name (Python's {@code Semaphore}).
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedSemaphore semaphore(String name, int permits);

    /**
     * @param name    entry name.
     * @param permits initial permits and bound (0 or more), used only if this call creates the semaphore.
     * @return the bounded semaphore of that name (Python's {@code BoundedSemaphore}): a release past its initial
     * permits throws.
     * @throws IllegalArgumentException if the name is invalid or the permits negative.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedSemaphore boundedSemaphore(String name, int permits);

    /**
     * @param name            entry name.
     * @param slots           capacity in messages; must match an existing queue's.
     * @param maxMessageBytes largest message in bytes; must match an existing queue's.
     * @return the bounded queue of byte messages of that name (Python's {@code Queue}), created empty if new.
     * @throws IllegalArgumentException if the name is invalid or a size out of the backend's range (named in the
     *                                  message).
     * @throws IllegalStateException    if the name exists as another type or size, the space is closed or full.
     */
    SharedQueue queue(String name, int slots, int maxMessageBytes);

    /**
     * The shared map of that name (Python's {@code Manager().dict()}), created empty if new. Keys and values of
     * type {@code String}, {@code Long}, {@code Integer}, {@code Double} and {@code byte[]} are encoded compactly;
     * any other {@link java.io.Serializable} type by Java serialization.
     *
     * @param name          entry name.
     * @param keyType       class of the keys.
     * @param valueType     class of the values.
     * @param maxEntries    most entries the map holds; must match an existing map's.
     * @param maxEntryBytes most bytes of one encoded key plus value; must match an existing map's.
     * @param <K>           key type.
     * @param <V>           value type.
     * @return the map.
     * @throws IllegalArgumentException if the name is invalid, a size out of range, or a type neither built in
     *                                  nor {@code Serializable}.
     * @throws IllegalStateException    if the name exists as another type, with other key or value types or sizes,
     *                                  or the space is closed or full.
     */
    <K, V> SharedMap<K, V> map(String name, Class<K> keyType, Class<V> valueType, int maxEntries, int maxEntryBytes);

    /**
     * @param name entry name.
     * @return the event of that name (Python's {@code Event}), created clear if new.
     * @throws IllegalArgumentException if the name is invalid.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedEvent event(String name);

    /**
     * @param name    entry name.
     * @param parties parties that must arrive to trip the barrier (1 or more); must match an existing barrier's.
     * @return the cyclic barrier of that name (Python's {@code Barrier}, j.u.c's {@code CyclicBarrier}).
     * @throws IllegalArgumentException if the name is invalid or parties below 1.
     * @throws IllegalStateException    if the name exists as another type or parties, the space is closed or full.
     */
    SharedBarrier barrier(String name, int parties);

    /**
     * @param name  entry name.
     * @param count initial count (0 or more), used only if this call creates the latch.
     * @return the count-down latch of that name.
     * @throws IllegalArgumentException if the name is invalid or the count negative.
     * @throws IllegalStateException    if the name exists as another type, the space is closed or full.
     */
    SharedCountDownLatch countDownLatch(String name, int count);

    /**
     * Closes this handle on the space: factories then throw {@link IllegalStateException}. What closing does to
     * primitives this process still holds is backend-specific and documented by each backend.
     */
    @Override
    void close();
}

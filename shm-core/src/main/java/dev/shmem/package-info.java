/**
 * Shared memory between JVM processes on one machine: a {@link dev.shmem.SharedRegion} is one memory-mapped file,
 * and its get-or-create factories return the primitives Python's {@code multiprocessing} offers, by name:
 * values ({@link dev.shmem.SharedInt}, {@link dev.shmem.SharedLong}, {@link dev.shmem.SharedDouble}), arrays,
 * locks ({@link dev.shmem.SharedLock}, {@link dev.shmem.SharedReentrantLock}), semaphores
 * ({@link dev.shmem.SharedSemaphore}) and queues ({@link dev.shmem.SharedQueue}). Every process that opens the
 * same path gets the same entries; locks and semaphores recover what a dead process held.
 *
 * <p>Each type documents its "Memory consistency effects" across processes, and every blocking call has a
 * timeout variant and honours interruption. The JVM needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}; see the overview.
 */
package dev.shmem;

/**
 * The shm API: {@link dev.shmem.SharedSpace} and one interface per shared primitive (values, arrays, locks,
 * semaphores, queue, map, event, barrier, latch, conditions), and {@link dev.shmem.SharedRegion}, the backend that
 * keeps them in a memory-mapped file shared by the JVMs of one machine. Its get-or-create factories return the
 * primitives by name, the way Python's {@code multiprocessing} offers {@code Value}, {@code Array}, {@code Lock},
 * {@code Semaphore} and {@code Queue}: every process that opens the same path gets the same entries, and locks and
 * semaphores recover what a dead process held.
 *
 * <p>Each type documents its "Memory consistency effects" across processes, and every blocking call has a
 * timeout variant and honours interruption. The JVM needs
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}: without it the first {@code SharedRegion}
 * factory throws an {@link java.lang.IllegalStateException} naming the flag (see the overview).
 */
package dev.shmem;

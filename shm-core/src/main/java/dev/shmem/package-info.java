/**
 * The shm API: {@link dev.shmem.SharedSpace} and one interface per shared primitive (values, arrays, locks,
 * semaphores, queue, map, event, barrier, latch, conditions), and {@link dev.shmem.SharedRegion}, the backend that
 * keeps them in a memory-mapped file shared by the JVMs of one machine.
 */
package dev.shmem;

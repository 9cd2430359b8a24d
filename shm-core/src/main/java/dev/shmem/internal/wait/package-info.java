/**
 * Waiting and waking across processes: event counts, futex and back-off sleepers, the wait loop.
 */
package dev.shmem.internal.wait;

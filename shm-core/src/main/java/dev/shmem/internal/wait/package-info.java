/**
 * Waiting and waking across processes: event counts, the wait loop (callers park), the per-process waker threads
 * ({@code Watch}) that sleep on futex (or back-off) sleepers for them.
 */
package dev.shmem.internal.wait;

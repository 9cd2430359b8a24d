/**
 * Seeing inside: per-process wait tables that record what blocked threads wait for (read by
 * {@code dev.shmem.inspect.RegionInspector#findDeadlocks()}), and the JDK Flight Recorder events shm emits
 * ({@code dev.shmem.Wait}, {@code dev.shmem.Takeover}, {@code dev.shmem.QueueFull}, {@code dev.shmem.BarrierBroken}).
 */
package dev.shmem.internal.diag;

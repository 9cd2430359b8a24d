/**
 * Coordination primitives built on the lock words and event counts: events, count-down latches, barriers and the
 * conditions of the locks. Each entry kind has a {@code XxxDescriptor} with its layout; waits go through
 * {@link dev.shmem.internal.wait.Waiting} and check the other side's liveness through the process table.
 */
package dev.shmem.internal.sync;

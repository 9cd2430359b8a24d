/**
 * The shm API past one machine: {@link dev.shmem.zookeeper.ZooKeeperSpace}, a {@link dev.shmem.SharedSpace} whose
 * primitives live in Apache ZooKeeper, reached through Apache Curator. Locks are Curator's
 * {@code InterProcessSemaphoreMutex} and {@code InterProcessMutex} with robust-mutex markers; values, arrays,
 * semaphores, the queue, the map, the event, the latch and the barrier are versioned compare-and-set recipes on
 * znodes (see {@code Cell}); see {@code docs/GUARANTEES.md} for what each guarantees and costs.
 */
package dev.shmem.zookeeper;

/**
 * Cross-process throughput of shm on ZooKeeper beside plain Curator calls and beside the mapped backend:
 * {@link dev.shmem.bench.zookeeper.ZooKeeperRunner}.
 */
package dev.shmem.bench.zookeeper;

/**
 * Python's {@code Pool} for the JVM: {@link dev.shmem.pool.JvmPool} runs {@link dev.shmem.pool.PoolTask}s on
 * child JVMs over shared-memory queues; {@link dev.shmem.pool.PoolCodec} encodes their inputs and results.
 */
package dev.shmem.pool;

/**
 * Round trips of barriers and condition ping-pong across JVMs, beside j.u.c with as many threads and Python's
 * {@code multiprocessing} with as many processes ({@link dev.shmem.bench.sync.SyncBenchmark}).
 */
package dev.shmem.bench.sync;

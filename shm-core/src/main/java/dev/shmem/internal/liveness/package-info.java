/**
 * Which processes are attached and alive: the process table, liveness checks, per-process permit ledgers.
 */
package dev.shmem.internal.liveness;

/**
 * Locks (owner-stamped lock words with dead-owner takeover) and semaphores.
 */
package dev.shmem.internal.lock;

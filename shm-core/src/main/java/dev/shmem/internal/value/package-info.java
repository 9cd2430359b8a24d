/**
 * Values and arrays on the mapped memory.
 */
package dev.shmem.internal.value;

/**
 * The memory-mapped implementation of the API. Not API: anything here may change without notice. Split by
 * concern: {@code region} (the file, header, directory, attachment), {@code liveness} (process table, liveness,
 * permit ledgers), {@code wait} (blocking and waking), and one package per primitive family ({@code value},
 * {@code lock}, {@code queue}).
 */
package dev.shmem.internal;

/**
 * The mapped-file {@code SharedMap}: segments of chained hash buckets over a shared pool of fixed-size entry slots,
 * read without locks under per-segment sequence numbers and written under per-segment robust lock words with a
 * redo record, so a writer killed mid-operation is repaired by the next one. Layout: {@link
 * dev.shmem.internal.map.MapDescriptor}.
 */
package dev.shmem.internal.map;

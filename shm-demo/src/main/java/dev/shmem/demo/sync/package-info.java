/**
 * Demos of the coordination primitives across JVMs, porting Python's idioms: {@code event} (one process sets,
 * the others wake), {@code barrier} (lock-step phases) and {@code condition} (a bounded buffer).
 */
package dev.shmem.demo.sync;

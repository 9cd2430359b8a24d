/**
 * jcstress tests of the coordination primitives: a condition's signal against its await, a barrier's trip,
 * a latch's release and an event's set.
 */
package dev.shmem.stress.sync;

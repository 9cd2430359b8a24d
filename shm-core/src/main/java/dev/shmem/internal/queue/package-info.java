/**
 * The bounded MPMC queue of byte messages.
 */
package dev.shmem.internal.queue;

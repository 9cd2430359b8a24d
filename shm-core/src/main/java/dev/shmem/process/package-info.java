/**
 * Python's {@code Process} for the JVM: {@link dev.shmem.process.ChildJvm} starts a child JVM on a main class
 * with this JVM's java, class path and flags, and reports its failure back. {@code ChildMain} is the child-side
 * entry point (not for direct use).
 */
package dev.shmem.process;

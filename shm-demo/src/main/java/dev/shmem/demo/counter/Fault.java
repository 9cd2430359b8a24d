package dev.shmem.demo.counter;

/**
 * A fault injected into one child, to show (and test) how the demo reports a failing or hanging child. Set with
 * the hidden options {@code --fail-child INDEX} and {@code --hang-child INDEX}; the child misbehaves half-way
 * through the first mode.
 */
public enum Fault
{
    /** No fault. */
    NONE,
    /** The child throws an exception. */
    THROW,
    /** The child stops making progress (until it is killed or its parent is gone). */
    HANG
}

package dev.shmem.internal.sync;

import dev.shmem.internal.region.Attachment;

/**
 * What a {@link MappedCondition} needs from its lock: ownership checks, a full release and a re-acquire that
 * restores the hold count, and the owner's liveness.
 */
public interface ConditionLock
{
    /**
     * @return the lock's entry name.
     */
    String name();

    /**
     * @return the lock's class name, for messages.
     */
    String kindName();

    /**
     * @return this JVM's attachment to the lock's region.
     */
    Attachment attachment();

    /**
     * @return true if the calling thread holds the lock.
     */
    boolean isHeldByCurrentThread();

    /**
     * Releases every hold of the calling thread (which holds the lock).
     *
     * @return the hold count to give to {@link #reacquire}.
     */
    int releaseFully();

    /**
     * Acquires the lock again, waiting as long as it takes (taking it over from a dead owner), ignoring
     * interrupts (the status is kept), and restores the hold count.
     *
     * @param holds what {@link #releaseFully} returned.
     */
    void reacquire(int holds);

    /**
     * @return true if a thread of a process that is no longer alive holds the lock.
     */
    boolean isOwnerDead();
}

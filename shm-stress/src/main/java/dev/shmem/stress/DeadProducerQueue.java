package dev.shmem.stress;

import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.internal.TestHook;


/**
 * A {@link SharedQueue} entry where a dead producer can be made to hold the slot at the tail, for the recovery
 * tests: the queue's handle and its words.
 *
 * <h2>How the dead producer is simulated</h2>
 * As a real death looks to a consumer: {@link #plantUncommittedClaim()} CASes the slot at the tail of the empty
 * queue from {@code (0, tail)} to {@code (dead, tail)} (a volatile CAS through the documented seam {@code dev.shmem.internal.TestHook}), as a
 * producer does just before it commits the position, and leaves {@code Tail} alone: the producer "died" between
 * its claim and its commit. {@code dead} is the claimer id of the region's last process slot, which no process
 * has attached to, with a generation that is not the slot's (see {@link DeadOwnerLock}): the process table says
 * it is dead.
 */
public final class DeadProducerQueue
{
    private final SharedQueue queue;
    private final TestHook.DeadProducerSeam seam;

    private DeadProducerQueue(final SharedQueue queue, final TestHook.DeadProducerSeam seam)
    {
        this.queue = queue;
        this.seam = seam;
    }

    /**
     * Makes (or finds) the queue of that name, of {@link Pools#QUEUE_SLOTS} slots and {@link
     * Pools#QUEUE_MAX_MESSAGE_BYTES} bytes.
     *
     * @param region a pool region (kept open for the life of the JVM).
     * @param name   the entry name.
     * @return the queue.
     */
    public static DeadProducerQueue create(final SharedRegion region, final String name)
    {
        final SharedQueue queue = region.queue(name, Pools.QUEUE_SLOTS, Pools.QUEUE_MAX_MESSAGE_BYTES);
        return new DeadProducerQueue(queue, TestHook.deadProducerSeam(region, queue));
    }

    /**
     * @return the queue's handle.
     */
    public SharedQueue queue()
    {
        return queue;
    }

    /**
     * A waiting consumer's check of the slot at the head (what {@code poll} does after a liveness interval).
     *
     * @return true if it took a dead producer's slot over.
     */
    public boolean recoverAtHead()
    {
        return seam.recoverAtHead();
    }

    /**
     * Makes the dead producer hold the (free) slot at the tail of the empty queue, claimed but not committed.
     *
     * @throws IllegalStateException if the queue is not empty and idle.
     */
    public void plantUncommittedClaim()
    {
        seam.plantUncommittedClaim();
    }
}

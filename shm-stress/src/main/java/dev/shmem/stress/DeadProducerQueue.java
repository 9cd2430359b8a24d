package dev.shmem.stress;

import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.queue.MappedQueue;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.MappedRegion;

import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A {@link SharedQueue} entry where a dead producer can be made to hold the slot at the tail, for the recovery
 * tests: the queue's handle and its words.
 *
 * <h2>How the dead producer is simulated</h2>
 * As a real death looks to a consumer: {@link #plantUncommittedClaim()} CASes the slot at the tail of the empty
 * queue from {@code (0, tail)} to {@code (dead, tail)} (a volatile CAS through {@code dev.shmem.internal}), as a
 * producer does just before it commits the position, and leaves {@code Tail} alone: the producer "died" between
 * its claim and its commit. {@code dead} is the claimer id of the region's last process slot, which no process
 * has attached to, with a generation that is not the slot's (see {@link DeadOwnerLock}): the process table says
 * it is dead.
 */
public final class DeadProducerQueue
{
    private final SharedQueue queue;
    private final AtomicBuffer entry;
    private final long deadClaimer;

    private DeadProducerQueue(final SharedQueue queue, final AtomicBuffer entry, final long deadClaimer)
    {
        this.queue = queue;
        this.entry = entry;
        this.deadClaimer = deadClaimer;
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
        final MappedRegion mapped = InternalRegions.of(region).region();
        final EntryRecord record = InternalRegions.entry(region, name);
        final long stamp = DeadOwnerLock.deadStamp(mapped.processes());
        final long claimer = ((long)(ProcessTable.slotOf(stamp) + 1) << 16) | ProcessTable.generationOf(stamp);
        return new DeadProducerQueue(queue, new UnsafeBuffer(mapped.buffer(), record.dataOffset(),
            record.dataBytes()), claimer);
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
        return ((MappedQueue)queue).recoverAtHead();
    }

    /**
     * Makes the dead producer hold the (free) slot at the tail of the empty queue, claimed but not committed.
     *
     * @throws IllegalStateException if the queue is not empty and idle.
     */
    public void plantUncommittedClaim()
    {
        final long tail = entry.getLongVolatile(QueueDescriptor.TAIL_OFFSET);
        final int slot = QueueDescriptor.SLOTS_START +
            (int)(tail & (queue.capacity() - 1)) * entry.getInt(QueueDescriptor.SLOT_STRIDE_OFFSET);
        final long free = tail & QueueDescriptor.POSITION_MASK;
        if (tail != entry.getLongVolatile(QueueDescriptor.HEAD_OFFSET) ||
            !entry.compareAndSetLong(slot + QueueDescriptor.SLOT_SEQUENCE_OFFSET, free,
                (deadClaimer << QueueDescriptor.POSITION_BITS) | free))
        {
            throw new IllegalStateException("pooled " + queue + " is not empty and idle at position " + tail +
                ": cannot plant a dead producer");
        }
    }
}

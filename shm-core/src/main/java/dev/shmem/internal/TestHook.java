package dev.shmem.internal;

import dev.shmem.RobustLock;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.lock.AbstractMappedLock;
import dev.shmem.internal.lock.LockDescriptor;
import dev.shmem.internal.lock.MappedSemaphore;
import dev.shmem.internal.queue.MappedQueue;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionFiles;
import dev.shmem.internal.wait.Waiting;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one seam that shm's own stress tests (shm-stress) use to reach below the API: to plant a simulated dead
 * lock owner, and to race entry creation with an initialiser. Not API, not for applications: nothing else outside
 * shm-core may use {@code dev.shmem.internal}.
 *
 * <p>Every method takes an open {@link SharedRegion} and works on this JVM's attachment to its file (the same
 * mapping and process slot as the region's own handles).
 */
public final class TestHook
{
    private static final Map<Path, Attachment> ATTACHMENTS = new ConcurrentHashMap<>();

    private TestHook()
    {
    }

    /**
     * @return how often a waiter checks a holder's liveness, in nanoseconds.
     */
    public static long livenessIntervalNanos()
    {
        return Waiting.LIVENESS_INTERVAL_NANOS;
    }

    /**
     * @param semaphore a semaphore of the mapped backend.
     * @return the permits this process's ledger word says it holds.
     */
    public static int permitsHeldByThisProcess(final SharedSemaphore semaphore)
    {
        return ((MappedSemaphore)semaphore).heldByThisProcess();
    }

    /**
     * @param lock a lock of the mapped backend.
     * @return the pid of the process holding it, 0 if free or if its holder's slot is not occupied.
     */
    public static long ownerPid(final RobustLock lock)
    {
        return ((AbstractMappedLock)lock).ownerPid();
    }

    /**
     * Gets or creates a {@code long} value entry through the directory with an initialiser, as the factories do,
     * so that a test can race two creators and see the initial value published with the entry.
     *
     * @param region   an open region.
     * @param name     the entry name.
     * @param initial  the value the creator writes (a plain store, published by the directory's release).
     * @param onCreate run by the creator only, inside the initialiser.
     * @return the value read (plain) from the entry after get-or-create.
     */
    public static long getOrCreateLong(
        final SharedRegion region, final String name, final long initial, final Runnable onCreate)
    {
        final Attachment attachment = attachment(region);
        final AtomicBuffer buffer = attachment.region().buffer();
        final EntryRecord entry = attachment.region().directory().getOrCreate(
            attachment.processStamp(), name, EntryType.LONG_VALUE, 1, 0, offset ->
            {
                buffer.putLong(offset, initial);
                onCreate.run();
            });
        return buffer.getLong(entry.dataOffset());
    }

    /**
     * A lock entry's owner word, for planting a simulated dead owner.
     *
     * @param region an open region holding the lock.
     * @param name   the lock's name.
     * @return the word.
     * @throws IllegalStateException if there is no such lock.
     */
    public static LockOwnerWord lockOwnerWord(final SharedRegion region, final String name)
    {
        final MappedRegion mapped = attachment(region).region();
        final EntryRecord found = mapped.directory().find(name);
        if (found == null || found.type() != EntryType.LOCK)
        {
            throw new IllegalStateException("no lock '" + name + "' in " + region.path());
        }
        return new LockOwnerWord(mapped.buffer(), found.dataOffset() + LockDescriptor.OWNER_OFFSET,
            deadStamp(mapped.processes()));
    }

    /**
     * A queue entry where a dead producer can be made to hold the slot at the tail (see
     * {@link DeadProducerSeam#plantUncommittedClaim()}).
     *
     * @param region an open region holding the queue.
     * @param queue  the queue (a handle of {@code region}).
     * @return the seam.
     * @throws IllegalStateException if there is no such queue.
     */
    public static DeadProducerSeam deadProducerSeam(final SharedRegion region, final SharedQueue queue)
    {
        final MappedRegion mapped = attachment(region).region();
        final EntryRecord record = mapped.directory().find(queue.name());
        if (record == null || record.type() != EntryType.QUEUE)
        {
            throw new IllegalStateException("no queue '" + queue.name() + "' in " + region.path());
        }
        final long stamp = deadStamp(mapped.processes());
        final long claimer = ((long)(ProcessTable.slotOf(stamp) + 1) << 16) | ProcessTable.generationOf(stamp);
        return new DeadProducerSeam((MappedQueue)queue,
            new UnsafeBuffer(mapped.buffer(), record.dataOffset(), record.dataBytes()), claimer);
    }

    private static Attachment attachment(final SharedRegion region)
    {
        return ATTACHMENTS.computeIfAbsent(region.path(), path ->
        {
            try
            {
                // A second mapping joins this JVM's attachment of the file (the same mapping and process slot as
                // the SharedRegion's); the extra mapping itself is dropped.
                return Attachment.attach(RegionFiles.open(path, Duration.ofSeconds(5), false));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot reopen " + path, ex);
            }
        });
    }

    /**
     * Releases this hook's attachment to a region file (call before deleting the file).
     *
     * @param path the region's path.
     */
    public static void release(final Path path)
    {
        final Attachment attachment = ATTACHMENTS.remove(path);
        if (attachment != null)
        {
            attachment.release();
        }
    }

    private static long deadStamp(final ProcessTable processes)
    {
        final int slot = processes.slots() - 1;
        if (processes.pidAt(slot) != 0)
        {
            throw new IllegalStateException("process slot " + slot + " is in use (pid " + processes.pidAt(slot) +
                "): cannot simulate a dead owner in it");
        }
        // A generation the slot does not have: what a stamp of the slot's previous, departed occupant looks like.
        final int next = (processes.generationAt(slot) + 1) & 0xFFFF;
        final int generation = next == 0 ? 1 : next;
        final long stamp = ProcessTable.threadStamp(ProcessTable.processStamp(slot, generation), 1);
        if (processes.isAlive(stamp))
        {
            throw new IllegalStateException("stamp " + Long.toHexString(stamp) + " of an unattached slot is alive");
        }
        return stamp;
    }

    /**
     * A lock's owner word and the stamp of a simulated dead owner (a process-table slot nobody occupies).
     */
    public static final class LockOwnerWord
    {
        private final AtomicBuffer buffer;
        private final int offset;
        private final long deadStamp;

        LockOwnerWord(final AtomicBuffer buffer, final int offset, final long deadStamp)
        {
            this.buffer = buffer;
            this.offset = offset;
            this.deadStamp = deadStamp;
        }

        /**
         * @return the stamp of the simulated dead owner.
         */
        public long deadStamp()
        {
            return deadStamp;
        }

        /**
         * @return the owner word (volatile read; pairs with the lock's CAS and release stores).
         */
        public long owner()
        {
            return buffer.getLongVolatile(offset);
        }

        /**
         * Makes the dead owner the owner of a free lock: a CAS from 0 (pairs with the lock's own CAS).
         *
         * @return true if planted, or the dead owner already owned it.
         */
        public boolean plantDeadOwner()
        {
            return buffer.compareAndSetLong(offset, 0, deadStamp) || owner() == deadStamp;
        }
    }

    /**
     * A queue whose tail slot a simulated dead producer can claim: as a real death looks to a consumer,
     * {@link #plantUncommittedClaim()} CASes the slot at the tail of the empty queue from {@code (0, tail)} to
     * {@code (dead, tail)} (a volatile CAS, as a producer does just before it commits the position) and leaves
     * {@code Tail} alone: the producer "died" between its claim and its commit. {@code dead} is the claimer id of
     * the region's last process slot, which no process has attached to, with a generation that is not the
     * slot's: the process table says it is dead.
     */
    public static final class DeadProducerSeam
    {
        private final MappedQueue queue;
        private final AtomicBuffer entry;
        private final long deadClaimer;

        DeadProducerSeam(final MappedQueue queue, final AtomicBuffer entry, final long deadClaimer)
        {
            this.queue = queue;
            this.entry = entry;
            this.deadClaimer = deadClaimer;
        }

        /**
         * Runs the queue's recovery of the slot at the head now, as a consumer blocked on it would.
         *
         * @return true if it recovered the slot.
         */
        public boolean recoverAtHead()
        {
            return queue.recoverAtHead();
        }

        /**
         * Plants the dead producer's uncommitted claim on the slot at the tail.
         *
         * @throws IllegalStateException if the queue is not empty and idle.
         */
        public void plantUncommittedClaim()
        {
            // Volatile reads and CAS: pair with the live producers' and consumers' CASes on the same words.
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
}

package dev.shmem.stress;

import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.lock.LockDescriptor;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.region.MappedRegion;

import dev.shmem.SharedLock;
import dev.shmem.SharedRegion;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.lock.LockDescriptor;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.liveness.ProcessTable;
import org.agrona.concurrent.AtomicBuffer;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link SharedLock} entry whose owner can be made a dead process, for the takeover tests: two handles of the
 * same lock (one per actor, as two processes would have; each handle keeps its own liveness-check clock) and the
 * lock word itself.
 *
 * <h2>How the dead owner is simulated</h2>
 * Through the process table, as a real death looks to a waiter: {@link #plantDeadOwner()} writes into the lock
 * word ({@link LockDescriptor#OWNER_OFFSET} of the entry, a volatile write through {@code dev.shmem.internal}) the
 * thread stamp {@code ProcessTable.threadStamp(ProcessTable.processStamp(slot, generation), 1)} of the region's
 * last process slot, which no process has attached to (its pid is 0), with a generation that is not the slot's.
 * {@code ProcessTable.isAlive} therefore says dead (a stale generation is exactly what a slot left by a dead or
 * detached process has), and a waiter takes the lock over by CAS from that stamp. The stamp is checked to be dead
 * when the entry is made.
 *
 * <p>Takeovers log a warning through {@code System.Logger "dev.shmem"}; this class turns that logger off in the
 * JVM that uses it (the jcstress forks), so that thousands of expected takeovers do not flood the output.
 */
public final class DeadOwnerLock
{
    private static final Logger SHM_LOGGER = Logger.getLogger("dev.shmem");

    static
    {
        SHM_LOGGER.setLevel(Level.OFF);
    }

    private final SharedLock first;
    private final SharedLock second;
    private final AtomicBuffer buffer;
    private final int ownerOffset;
    private final long deadStamp;

    private DeadOwnerLock(
        final SharedLock first, final SharedLock second, final AtomicBuffer buffer, final int ownerOffset,
        final long deadStamp)
    {
        this.first = first;
        this.second = second;
        this.buffer = buffer;
        this.ownerOffset = ownerOffset;
        this.deadStamp = deadStamp;
    }

    /**
     * Makes (or finds) the lock of that name and its dead owner stamp.
     *
     * @param region a pool region (kept open for the life of the JVM).
     * @param name   the entry name.
     * @return the lock.
     */
    public static DeadOwnerLock create(final SharedRegion region, final String name)
    {
        final SharedLock first = region.lock(name);
        final SharedLock second = region.lock(name);
        final MappedRegion mapped = InternalRegions.of(region).region();
        final EntryRecord entry = InternalRegions.entry(region, name);
        if (entry.type() != EntryType.LOCK)
        {
            throw new IllegalStateException(entry.describe() + " is not a lock");
        }
        return new DeadOwnerLock(first, second, mapped.buffer(), entry.dataOffset() + LockDescriptor.OWNER_OFFSET,
            deadStamp(mapped.processes()));
    }

    /**
     * @return actor 1's handle.
     */
    public SharedLock first()
    {
        return first;
    }

    /**
     * @return actor 2's handle (another {@code SharedLock} object of the same entry).
     */
    public SharedLock second()
    {
        return second;
    }

    /**
     * @return the stamp of the simulated dead owner.
     */
    public long deadStamp()
    {
        return deadStamp;
    }

    /**
     * @return the lock word (volatile read): 0 free, else the owner's stamp.
     */
    public long owner()
    {
        return buffer.getLongVolatile(ownerOffset);
    }

    /**
     * Makes the dead process the owner of the free lock (a CAS from 0, volatile).
     *
     * @throws IllegalStateException if the lock is held by anyone but the dead owner.
     */
    public void plantDeadOwner()
    {
        if (!buffer.compareAndSetLong(ownerOffset, 0, deadStamp) && owner() != deadStamp)
        {
            throw new IllegalStateException("lock " + first.name() + " is held (owner stamp " +
                Long.toHexString(owner()) + "), cannot plant a dead owner");
        }
    }

    /**
     * Checks that the lock can be used by the next state: free or still owned by the dead process, and consistent
     * (the taker of the previous takeover marked it so).
     *
     * @param lock the pooled lock.
     * @throws IllegalStateException if not.
     */
    public static void requireReusable(final DeadOwnerLock lock)
    {
        final long owner = lock.owner();
        if (owner != 0 && owner != lock.deadStamp)
        {
            throw new IllegalStateException("pooled lock " + lock.first.name() + " is still held by a live owner (" +
                lock.first + "): a test did not unlock it");
        }
        if (!lock.first.isConsistent())
        {
            throw new IllegalStateException("pooled lock " + lock.first.name() + " is inconsistent: a test took " +
                "it over without markConsistent()");
        }
    }

    static long deadStamp(final ProcessTable processes)
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
}

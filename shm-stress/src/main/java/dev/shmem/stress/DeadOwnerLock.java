package dev.shmem.stress;

import dev.shmem.internal.TestHook;

import dev.shmem.SharedLock;
import dev.shmem.SharedRegion;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link SharedLock} entry whose owner can be made a dead process, for the takeover tests: two handles of the
 * same lock (one per actor, as two processes would have; each handle keeps its own liveness-check clock) and the
 * lock word itself.
 *
 * <h2>How the dead owner is simulated</h2>
 * Through the process table, as a real death looks to a waiter: {@link #plantDeadOwner()} writes into the lock
 * word (a CAS through the documented test seam {@code dev.shmem.internal.TestHook}) the
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
    private final TestHook.LockOwnerWord word;
    private final long deadStamp;

    private DeadOwnerLock(final SharedLock first, final SharedLock second, final TestHook.LockOwnerWord word)
    {
        this.first = first;
        this.second = second;
        this.word = word;
        this.deadStamp = word.deadStamp();
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
        return new DeadOwnerLock(first, second, TestHook.lockOwnerWord(region, name));
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
        return word.owner();
    }

    /**
     * Makes the dead process the owner of the free lock (a CAS from 0, volatile).
     *
     * @throws IllegalStateException if the lock is held by anyone but the dead owner.
     */
    public void plantDeadOwner()
    {
        if (!word.plantDeadOwner())
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
}

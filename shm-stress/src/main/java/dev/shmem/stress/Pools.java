package dev.shmem.stress;

import dev.shmem.internal.TestHook;

import dev.shmem.SharedBarrier;
import dev.shmem.SharedCondition;
import dev.shmem.SharedDouble;
import dev.shmem.SharedEvent;
import dev.shmem.SharedDoubleArray;
import dev.shmem.SharedInt;
import dev.shmem.SharedIntArray;
import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedQueue;
import dev.shmem.SharedReentrantLock;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;

import java.time.Duration;
import java.util.List;

/**
 * The entry pools the tests lease from, one per shape, all made through the {@link SharedRegion} factories. A
 * lease resets values and arrays to zero; locks, semaphores and queues cannot be reset through the public API, so
 * their lease checks that the previous state left them as they were made (free and consistent, all permits back,
 * empty and open) and throws otherwise, which makes a test that leaks a lock or a permit fail loudly instead of
 * poisoning the next state.
 */
public final class Pools
{
    /** Length of every pooled array. */
    public static final int ARRAY_LENGTH = 4;
    /** Slots of every pooled queue. */
    public static final int QUEUE_SLOTS = 4;
    /** Largest message of every pooled queue. */
    public static final int QUEUE_MAX_MESSAGE_BYTES = 128;

    /** {@code SharedInt}, reset to 0. */
    public static final EntryPool<SharedInt> INTS =
        new EntryPool<>("int", SharedRegion::intValue, value -> value.set(0));
    /** {@code SharedLong}, reset to 0. */
    public static final EntryPool<SharedLong> LONGS =
        new EntryPool<>("long", SharedRegion::longValue, value -> value.set(0));
    /** {@code SharedDouble}, reset to +0.0. */
    public static final EntryPool<SharedDouble> DOUBLES =
        new EntryPool<>("double", SharedRegion::doubleValue, value -> value.set(0.0));
    /** {@code SharedIntArray} of {@link #ARRAY_LENGTH} elements, reset to 0. */
    public static final EntryPool<SharedIntArray> INT_ARRAYS = new EntryPool<>(
        "int-array", (region, name) -> region.intArray(name, ARRAY_LENGTH), Pools::zero);
    /** {@code SharedLongArray} of {@link #ARRAY_LENGTH} elements, reset to 0. */
    public static final EntryPool<SharedLongArray> LONG_ARRAYS = new EntryPool<>(
        "long-array", (region, name) -> region.longArray(name, ARRAY_LENGTH), Pools::zero);
    /** {@code SharedDoubleArray} of {@link #ARRAY_LENGTH} elements, reset to +0.0. */
    public static final EntryPool<SharedDoubleArray> DOUBLE_ARRAYS = new EntryPool<>(
        "double-array", (region, name) -> region.doubleArray(name, ARRAY_LENGTH), Pools::zero);

    /** {@code SharedLock}, free and consistent. */
    public static final EntryPool<SharedLock> LOCKS =
        new EntryPool<>("lock", SharedRegion::lock, Pools::requireFree);
    /** {@code SharedReentrantLock}, free and consistent. */
    public static final EntryPool<SharedReentrantLock> REENTRANT_LOCKS =
        new EntryPool<>("reentrant-lock", SharedRegion::reentrantLock, Pools::requireFree);

    /**
     * Semaphores take a counter line plus a ledger line per process slot (8 KiB with 128 slots): their pools use
     * regions of 1 MiB (256 directory records).
     */
    private static final PoolRegions SEMAPHORE_REGIONS = new PoolRegions(1 << 20, 192);

    /** {@code SharedSemaphore} of 0 permits, all permits back. */
    public static final EntryPool<SharedSemaphore> SEMAPHORES_0 = semaphores("semaphore-0", 0);
    /** {@code SharedSemaphore} of 1 permit, all permits back. */
    public static final EntryPool<SharedSemaphore> SEMAPHORES_1 = semaphores("semaphore-1", 1);
    /** {@code SharedSemaphore} of 2 permits, all permits back. */
    public static final EntryPool<SharedSemaphore> SEMAPHORES_2 = semaphores("semaphore-2", 2);
    /** Bounded {@code SharedSemaphore} of 1 permit, all permits back. */
    public static final EntryPool<SharedSemaphore> BOUNDED_SEMAPHORES_1 = new EntryPool<>("bounded-semaphore-1",
        (region, name) -> region.boundedSemaphore(name, 1), semaphore -> requirePermits(semaphore, 1),
        SEMAPHORE_REGIONS, Duration.ZERO);

    /** {@code SharedQueue} of {@link #QUEUE_SLOTS} slots and {@link #QUEUE_MAX_MESSAGE_BYTES} bytes, empty and open. */
    public static final EntryPool<SharedQueue> QUEUES = new EntryPool<>("queue",
        (region, name) -> region.queue(name, QUEUE_SLOTS, QUEUE_MAX_MESSAGE_BYTES), Pools::requireEmptyAndOpen);

    /**
     * The cooled dead-owner locks' pool grows to {@link EntryPool#COOLING_LIMIT} entries: regions of 4 MiB (1024
     * directory records) hold them in a dozen files.
     */
    private static final PoolRegions DEAD_OWNER_LOCK_REGIONS = new PoolRegions(4 << 20, 768);

    /** A lock owned by a dead process (see {@link DeadOwnerLock}); its two handles may be warm. */
    public static final EntryPool<DeadOwnerLock> DEAD_OWNER_LOCKS = new EntryPool<>("dead-owner-lock",
        DeadOwnerLock::create, Pools::plantDeadOwner, DEAD_OWNER_LOCK_REGIONS, Duration.ZERO);
    /**
     * A lock owned by a dead process whose two handles have rested at least the liveness-check interval (so that
     * their next {@code tryLock()} checks the owner's liveness), except for the new entries the pool makes while
     * it grows: see {@link Lease#isCool()}.
     */
    public static final EntryPool<DeadOwnerLock> COOLED_DEAD_OWNER_LOCKS = new EntryPool<>(
        "cooled-dead-owner-lock", DeadOwnerLock::create, Pools::plantDeadOwner, DEAD_OWNER_LOCK_REGIONS,
        Duration.ofNanos(TestHook.livenessIntervalNanos()).plusMillis(1));

    /** A queue, empty and open, where a dead producer can be planted (see {@link DeadProducerQueue}). */
    public static final EntryPool<DeadProducerQueue> DEAD_PRODUCER_QUEUES = new EntryPool<>("dead-producer-queue",
        DeadProducerQueue::create, queue -> requireEmptyAndOpen(queue.queue()));

    /** Barriers take a state line, a ledger line per process slot and a ring (8.3 KiB): regions of 1 MiB. */
    private static final PoolRegions BARRIER_REGIONS = new PoolRegions(1 << 20, 96);

    /** {@code SharedEvent}, cleared. */
    public static final EntryPool<SharedEvent> EVENTS =
        new EntryPool<>("event", SharedRegion::event, SharedEvent::clear);
    /** {@code SharedBarrier} of 2 parties, not broken and nobody waiting. */
    public static final EntryPool<SharedBarrier> BARRIERS_2 = new EntryPool<>("barrier-2",
        (region, name) -> region.barrier(name, 2), Pools::requireIdle, BARRIER_REGIONS, Duration.ZERO);
    /** A {@code SharedReentrantLock} with its condition "c" (2 KiB): free, consistent, nobody waiting. */
    public static final EntryPool<LockWithCondition> LOCKS_WITH_CONDITION = new EntryPool<>("lock-with-condition",
        LockWithCondition::create, Pools::requireFree, SEMAPHORE_REGIONS, Duration.ZERO);

    /**
     * A reentrant lock and its condition "c".
     *
     * @param lock      the lock.
     * @param condition its condition.
     */
    public record LockWithCondition(SharedReentrantLock lock, SharedCondition condition)
    {
        static LockWithCondition create(final SharedRegion region, final String name)
        {
            final SharedReentrantLock lock = region.reentrantLock(name);
            return new LockWithCondition(lock, lock.newCondition("c"));
        }
    }

    private Pools()
    {
    }

    private static void requireIdle(final SharedBarrier barrier)
    {
        if (barrier.isBroken() || barrier.getNumberWaiting() != 0)
        {
            throw new IllegalStateException("pooled " + barrier + " should be whole and empty: a test left it so");
        }
    }

    private static void requireFree(final LockWithCondition pair)
    {
        // Every actor of the previous state has returned from its await before its arbiter ran: no waiter is left.
        requireFree(pair.lock());
    }

    /**
     * @return every pool above.
     */
    public static List<EntryPool<?>> all()
    {
        return List.of(INTS, LONGS, DOUBLES, INT_ARRAYS, LONG_ARRAYS, DOUBLE_ARRAYS, LOCKS, REENTRANT_LOCKS,
            SEMAPHORES_0, SEMAPHORES_1, SEMAPHORES_2, BOUNDED_SEMAPHORES_1, QUEUES, DEAD_PRODUCER_QUEUES,
            DEAD_OWNER_LOCKS, COOLED_DEAD_OWNER_LOCKS, EVENTS, BARRIERS_2, LOCKS_WITH_CONDITION);
    }

    private static EntryPool<SharedSemaphore> semaphores(final String kind, final int permits)
    {
        return new EntryPool<>(kind, (region, name) -> region.semaphore(name, permits),
            semaphore -> requirePermits(semaphore, permits), SEMAPHORE_REGIONS, Duration.ZERO);
    }

    private static void requireFree(final SharedLock lock)
    {
        if (lock.isLocked() || !lock.isConsistent())
        {
            throw new IllegalStateException("pooled " + lock + " is not free and consistent: a test leaked it");
        }
    }

    private static void requireFree(final SharedReentrantLock lock)
    {
        if (lock.isLocked() || !lock.isConsistent())
        {
            throw new IllegalStateException("pooled " + lock + " is not free and consistent: a test leaked it");
        }
    }

    private static void requirePermits(final SharedSemaphore semaphore, final int permits)
    {
        if (semaphore.availablePermits() != permits)
        {
            throw new IllegalStateException("pooled " + semaphore + " should have its " + permits +
                " permits back: a test leaked or over-released permits");
        }
    }

    private static void requireEmptyAndOpen(final SharedQueue queue)
    {
        if (queue.isClosed() || !queue.isEmpty())
        {
            throw new IllegalStateException("pooled " + queue + " should be open and empty: a test left it so");
        }
    }

    private static void plantDeadOwner(final DeadOwnerLock lock)
    {
        DeadOwnerLock.requireReusable(lock);
        lock.plantDeadOwner();
    }

    private static void zero(final SharedIntArray array)
    {
        for (int i = 0; i < array.length(); i++)
        {
            array.set(i, 0);
        }
    }

    private static void zero(final SharedLongArray array)
    {
        for (int i = 0; i < array.length(); i++)
        {
            array.set(i, 0L);
        }
    }

    private static void zero(final SharedDoubleArray array)
    {
        for (int i = 0; i < array.length(); i++)
        {
            array.set(i, 0.0);
        }
    }
}

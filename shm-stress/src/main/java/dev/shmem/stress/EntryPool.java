package dev.shmem.stress;

import dev.shmem.SharedIntArray;
import dev.shmem.SharedLock;
import dev.shmem.SharedLong;

import dev.shmem.SharedRegion;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A pool of entries of one shape (say, a {@code SharedLong}, or a {@code SharedIntArray} of length 4) that the
 * jcstress states of one test JVM lease, one lease per state, instead of creating an entry each.
 *
 * <h2>Why a pool</h2>
 * jcstress 0.16 keeps {@code strideSize * strideCount} states alive per epoch (up to 256 * 40 = 10240 by
 * default) and builds a new one after each arbiter, millions per test. A region file per state is far too slow,
 * and entries are never freed, so a region of fresh entries per state would fill up.
 *
 * <h2>Why it gives no false results</h2>
 * A state leases an entry in its constructor and returns it at the end of its {@code @Arbiter}, the last place
 * any of its code runs; the pool hands an entry to one lease at a time. So two states never share an entry,
 * whatever the number of live states, the stride settings or the order in which jcstress builds and arbitrates
 * them: the pool simply grows (new entries, in new region files when a region is full) until it has as many
 * entries as there are live states. {@link #acquire} resets the entry (through the public API) before the state
 * is published to its actors, or throws if the entry cannot be brought back to its initial state (a lock still
 * held, a semaphore whose permits are not back); the previous lease's last access happens-before that reset,
 * because returning and taking an entry go through a {@link ConcurrentLinkedQueue}. A lease returned twice
 * throws instead of letting two states share an entry.
 *
 * <h2>Cool-down</h2>
 * A pool made with a cool-down hands out only entries that were returned (or made) at least that long ago. While
 * it has fewer than {@link #COOLING_LIMIT} entries it makes a new entry rather than hand out a warmer one (new
 * entries are warm too: the states that get them see it); past that size it waits until its oldest free entry
 * has cooled, which throttles the test to the rate at which entries cool. {@link Lease#isCool()} tells the state
 * which kind it got. The dead-owner takeover test uses this: a {@code SharedLock} handle checks its owner's
 * liveness at most once per interval, and only a lock whose both handles are due can be raced for.
 *
 * <p>Every state class that leases must have an explicit constructor or a final field and an {@code @Arbiter}
 * that calls {@link Lease#release}: jcstress then builds a new state for every iteration (checked by
 * {@code StressTestClassesTest}), and every lease is returned.
 *
 * @param <T> the handle type.
 */
public final class EntryPool<T>
{
    /** More entries than any stride setting needs; a pool that grows past it has leases that are never returned. */
    static final int MAX_ENTRIES = 1 << 20;
    /** A pool with a cool-down makes new entries to avoid warm ones up to this size. */
    static final int COOLING_LIMIT = 1 << 13;

    private final String kind;
    private final BiFunction<SharedRegion, String, T> factory;
    private final Consumer<T> reset;
    private final PoolRegions regions;
    private final long coolDownNanos;
    private final ConcurrentLinkedQueue<Lease<T>> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    /**
     * A pool of small entries ({@link PoolRegions#SMALL}) with no cool-down.
     *
     * @param kind    prefix of the entry names, e.g. "long".
     * @param factory makes the entry of a given name in a given region, through the public API.
     * @param reset   brings a leased entry back to its initial state before the state that leased it is
     *                published, or throws if it cannot.
     */
    public EntryPool(final String kind, final BiFunction<SharedRegion, String, T> factory, final Consumer<T> reset)
    {
        this(kind, factory, reset, PoolRegions.SMALL, Duration.ZERO);
    }

    /**
     * @param kind     prefix of the entry names.
     * @param factory  makes the entry of a given name in a given region, through the public API.
     * @param reset    brings a leased entry back to its initial state, or throws if it cannot.
     * @param regions  where new entries go.
     * @param coolDown how long an entry should rest between leases ({@link Duration#ZERO}: no rest).
     */
    public EntryPool(
        final String kind,
        final BiFunction<SharedRegion, String, T> factory,
        final Consumer<T> reset,
        final PoolRegions regions,
        final Duration coolDown)
    {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.reset = Objects.requireNonNull(reset, "reset");
        this.regions = Objects.requireNonNull(regions, "regions");
        this.coolDownNanos = coolDown.toNanos();
    }

    /**
     * Leases an entry no other lease holds, reset to its initial value.
     *
     * @return the lease; call {@link Lease#release} when done.
     * @throws RuntimeException whatever the reset throws for an entry that cannot be brought back.
     */
    public Lease<T> acquire()
    {
        Lease<T> lease = free.poll();
        if (lease != null && !lease.isCool())
        {
            // Only pools with a cool-down get here.
            if (created.get() < COOLING_LIMIT)
            {
                // Too warm: keep it for later and make a new entry instead.
                free.offer(lease);
                lease = null;
            }
            else
            {
                lease.awaitCool();
            }
        }
        if (lease == null)
        {
            lease = grow();
        }
        lease.take();
        try
        {
            reset.accept(lease.handle());
        }
        catch (final RuntimeException | Error ex)
        {
            // The entry cannot be brought back (a leaked lock, missing permits): it stays out of the pool for
            // good, and the state that asked for it fails with the reason.
            rejected.incrementAndGet();
            throw ex;
        }
        return lease;
    }

    /**
     * @return the number of entries this pool has made so far (the most leases it has had out at once, plus, for
     *         a pool with a cool-down, the entries it made to let others cool).
     */
    public int size()
    {
        return created.get();
    }

    /**
     * @return the number of leases not returned (exact only when no lease is being taken or returned), not
     *         counting the entries {@link #rejected()}.
     */
    public int outstanding()
    {
        return created.get() - free.size() - rejected.get();
    }

    /**
     * @return the number of entries whose reset threw: left by a state in a state they cannot be reset from, and
     *         kept out of the pool.
     */
    public int rejected()
    {
        return rejected.get();
    }

    long coolDownNanos()
    {
        return coolDownNanos;
    }

    void giveBack(final Lease<T> lease)
    {
        free.offer(lease);
    }

    private Lease<T> grow()
    {
        if (created.incrementAndGet() > MAX_ENTRIES)
        {
            created.decrementAndGet();
            throw new IllegalStateException("pool of " + kind + " entries has " + MAX_ENTRIES +
                " entries, none free: leases are not being released (is Lease.release() called in @Arbiter?)");
        }
        try
        {
            return new Lease<>(this, regions.newEntry(kind, factory));
        }
        catch (final RuntimeException | Error ex)
        {
            created.decrementAndGet();
            throw ex;
        }
    }
}

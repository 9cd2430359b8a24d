package dev.shmem.stress;

import dev.shmem.RegionFullException;
import dev.shmem.SharedRegion;

import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * entries as there are live states. {@link #acquire} resets the entry (a volatile write of zero through the
 * public API) before the state is published to its actors; the previous lease's last access happens-before that
 * reset, because returning and taking an entry go through a {@link ConcurrentLinkedQueue}. A lease returned twice
 * throws instead of letting two states share an entry.
 *
 * <p>Every state class that leases must have an explicit constructor or a final field and an {@code @Arbiter}
 * that calls {@link Lease#release}: jcstress then builds a new state for every iteration (checked by
 * {@code GeneratedRunnersTest}), and every lease is returned.
 *
 * @param <T> the handle type.
 */
public final class EntryPool<T>
{
    /** Entries per pool region: 48 of its 64 directory records, so lookups by name stay short. */
    static final int ENTRIES_PER_REGION = 48;
    /** More entries than any stride setting needs; a pool that grows past it has leases that are never returned. */
    static final int MAX_ENTRIES = 1 << 20;

    private static final Object REGION_LOCK = new Object();
    private static SharedRegion poolRegion;
    private static int poolRegionEntries;
    private static long entrySequence;

    private final String kind;
    private final BiFunction<SharedRegion, String, T> factory;
    private final Consumer<T> reset;
    private final ConcurrentLinkedQueue<Lease<T>> free = new ConcurrentLinkedQueue<>();
    private int created;

    /**
     * @param kind    prefix of the entry names, e.g. "long".
     * @param factory makes the entry of a given name in a given region, through the public API.
     * @param reset   sets a leased entry to its initial value, before the state that leased it is published.
     */
    public EntryPool(final String kind, final BiFunction<SharedRegion, String, T> factory, final Consumer<T> reset)
    {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.reset = Objects.requireNonNull(reset, "reset");
    }

    /**
     * Leases an entry no other lease holds, reset to its initial value.
     *
     * @return the lease; call {@link Lease#release} when done.
     */
    public Lease<T> acquire()
    {
        Lease<T> lease = free.poll();
        if (lease == null)
        {
            lease = grow();
        }
        lease.take();
        reset.accept(lease.handle());
        return lease;
    }

    /**
     * @return the number of entries this pool has made so far (the most leases it has had out at once).
     */
    public synchronized int size()
    {
        return created;
    }

    void giveBack(final Lease<T> lease)
    {
        free.offer(lease);
    }

    private synchronized Lease<T> grow()
    {
        if (created >= MAX_ENTRIES)
        {
            throw new IllegalStateException("pool of " + kind + " entries has " + created +
                " entries, none free: leases are not being released (is Lease.release() called in @Arbiter?)");
        }
        final T handle = newEntry(kind, factory);
        created++;
        return new Lease<>(this, handle);
    }

    private static <T> T newEntry(final String kind, final BiFunction<SharedRegion, String, T> factory)
    {
        synchronized (REGION_LOCK)
        {
            for (int attempt = 0; ; attempt++)
            {
                if (poolRegion == null || poolRegionEntries >= ENTRIES_PER_REGION)
                {
                    // Pool regions live as long as the JVM: their entries are reused, never given up.
                    poolRegion = StressRegions.create();
                    poolRegionEntries = 0;
                }
                final String name = kind + "-" + (++entrySequence);
                try
                {
                    final T handle = factory.apply(poolRegion, name);
                    poolRegionEntries++;
                    return handle;
                }
                catch (final RegionFullException full)
                {
                    if (attempt > 0)
                    {
                        throw full;
                    }
                    poolRegion = null;
                }
            }
        }
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedSemaphore;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link SharedSemaphore} on ZooKeeper, with {@link java.util.concurrent.Semaphore}'s counting (a release needs no
 * prior acquire, permits may start negative, several permits are taken at once or not at all) and a per-process
 * ledger like System V's {@code SEM_UNDO}:
 *
 * <pre>
 * &lt;entry&gt;/permits           a Cell holding the available permits (absent: the initial permits)
 * &lt;entry&gt;/holders/&lt;owner&gt;   persistent: permits held by that open space (acquired minus released, never
 *                           below zero); written in the same transaction as the permits
 * /owners/&lt;owner&gt;          ephemeral: the space is open and its session alive
 * </pre>
 * A waiter that finds a ledger whose owner node is gone (the process died and its session expired, or it closed
 * the space) returns those permits and deletes the ledger in one transaction, so they come back once. This is
 * what Curator's {@code InterProcessSemaphoreV2} gives through leases that vanish with their session, with the
 * {@code java.util.concurrent} counting that leases cannot express (releasing a permit one never acquired).
 *
 * <p>Permits acquired under a session that was lost were returned when it expired; releasing them afterwards
 * releases nothing and throws {@link IllegalStateException} saying so.
 */
final class ZkSemaphore implements SharedSemaphore
{
    private static final long RECLAIM_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ZooKeeperSpace space;
    private final String name;
    private final String holdersPath;
    private final Cell permits;
    private final int initial;
    private final boolean bounded;
    /** Permits this JVM holds, per owner id (a new id after a session loss); guarded by {@code this}. */
    private final Map<String, Integer> heldByOwner = new HashMap<>();
    private volatile long lastReclaim;

    ZkSemaphore(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry, final boolean bounded)
    {
        this.space = space;
        this.name = entry.name;
        this.initial = (int)entry.parameter;
        this.bounded = bounded;
        this.holdersPath = entry.path + "/holders";
        this.permits = new Cell(space.zk(), entry.path + "/permits", ZkLock.longBytes(initial));
        space.zk().createIfAbsent(holdersPath, new byte[0]);
        this.lastReclaim = System.nanoTime() - RECLAIM_INTERVAL_NANOS;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void acquire() throws InterruptedException
    {
        acquire(1);
    }

    @Override
    public void acquire(final int n) throws InterruptedException
    {
        check(n);
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted before acquiring from semaphore " + EntryNames.quote(name));
        }
        await(n, Long.MAX_VALUE, true);
    }

    @Override
    public void acquireUninterruptibly()
    {
        acquireUninterruptibly(1);
    }

    @Override
    public void acquireUninterruptibly(final int n)
    {
        check(n);
        try
        {
            await(n, Long.MAX_VALUE, false);
        }
        catch (final InterruptedException impossible)
        {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public boolean tryAcquire()
    {
        return tryAcquire(1);
    }

    @Override
    public boolean tryAcquire(final int n)
    {
        check(n);
        space.checkOpen();
        if (take(n))
        {
            return true;
        }
        return System.nanoTime() - lastReclaim >= RECLAIM_INTERVAL_NANOS && reclaimDead() && take(n);
    }

    @Override
    public boolean tryAcquire(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return tryAcquire(1, timeout, unit);
    }

    @Override
    public boolean tryAcquire(final int n, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        check(n);
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted before acquiring from semaphore " + EntryNames.quote(name));
        }
        return await(n, ZooKeeperSpace.deadline(timeout, unit), true);
    }

    private boolean await(final int n, final long deadline, final boolean interruptible) throws InterruptedException
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                space.checkOpen();
                if (take(n))
                {
                    return true;
                }
                final long remaining = ZooKeeperSpace.remainingNanos(deadline);
                if (remaining <= 0)
                {
                    return false;
                }
                if (System.nanoTime() - lastReclaim >= RECLAIM_INTERVAL_NANOS && reclaimDead())
                {
                    continue;
                }
                final CountDownLatch changed = new CountDownLatch(1);
                if (ZkLock.toLong(permits.readWatched(e -> changed.countDown())) >= n)
                {
                    continue;
                }
                try
                {
                    changed.await(Math.min(remaining, RECLAIM_INTERVAL_NANOS), TimeUnit.NANOSECONDS);
                }
                catch (final InterruptedException ex)
                {
                    if (interruptible)
                    {
                        throw new InterruptedException("interrupted while acquiring " + n + " permits from semaphore " +
                            EntryNames.quote(name) + "; none taken");
                    }
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Takes {@code n} permits now if they are available, recording them in this owner's ledger.
     */
    private boolean take(final int n)
    {
        final String owner = space.ownerId();
        final String ledger = holdersPath + "/" + owner;
        final byte[] before = permits.update(p ->
        {
            final long available = ZkLock.toLong(p);
            if (available < n)
            {
                return Cell.Change.NONE;
            }
            return new Cell.Change(ZkLock.longBytes(available - n), List.of(ledgerWrite(ledger, n)));
        });
        if (ZkLock.toLong(before) < n)
        {
            return false;
        }
        synchronized (this)
        {
            heldByOwner.merge(owner, n, Integer::sum);
        }
        return true;
    }

    /** The operation that adds {@code delta} to a ledger (read now, written with its version). */
    private CuratorOp ledgerWrite(final String ledger, final long delta)
    {
        final Zk zk = space.zk();
        final Stat stat = new Stat();
        final byte[] raw = zk.dataOrNull(ledger, stat);
        final long held = raw == null || raw.length < Long.BYTES ? 0 : ZkLock.toLong(raw);
        final byte[] next = ZkLock.longBytes(Math.max(0, held + delta));
        return Zk.unchecked(() -> raw == null ?
            zk.client().transactionOp().create().forPath(ledger, next) :
            zk.client().transactionOp().setData().withVersion(stat.getVersion()).forPath(ledger, next));
    }

    /**
     * Returns the permits of every ledger whose owner is gone.
     *
     * @return true if some were returned.
     */
    private boolean reclaimDead()
    {
        lastReclaim = System.nanoTime();
        final Zk zk = space.zk();
        final List<String> owners = zk.call("list holders of " + holdersPath, () ->
        {
            try
            {
                return zk.client().getChildren().forPath(holdersPath);
            }
            catch (final KeeperException.NoNodeException none)
            {
                return List.<String>of();
            }
        });
        boolean returned = false;
        for (final String owner : owners)
        {
            if (owner.equals(space.ownerId()) || space.isOwnerAlive(owner))
            {
                continue;
            }
            final String ledger = holdersPath + "/" + owner;
            final long[] held = new long[1];
            permits.update(p ->
            {
                final Stat stat = new Stat();
                final byte[] raw = zk.dataOrNull(ledger, stat);
                if (raw == null)
                {
                    held[0] = 0;
                    return Cell.Change.NONE;
                }
                held[0] = raw.length < Long.BYTES ? 0 : ZkLock.toLong(raw);
                return new Cell.Change(ZkLock.longBytes(ZkLock.toLong(p) + held[0]), List.of(Zk.unchecked(() ->
                    zk.client().transactionOp().delete().withVersion(stat.getVersion()).forPath(ledger))));
            });
            returned |= held[0] > 0;
        }
        return returned;
    }

    @Override
    public void release()
    {
        release(1);
    }

    @Override
    public void release(final int n)
    {
        checkCount(n);
        space.checkOpen();
        final String owner = space.ownerId();
        final int lost;
        synchronized (this)
        {
            int fromLost = 0;
            for (final Map.Entry<String, Integer> e : heldByOwner.entrySet())
            {
                if (!e.getKey().equals(owner))
                {
                    final int take = Math.min(n - fromLost, e.getValue());
                    e.setValue(e.getValue() - take);
                    fromLost += take;
                }
            }
            heldByOwner.values().removeIf(v -> v == 0);
            lost = fromLost;
        }
        final int rest = n - lost;
        if (rest > 0)
        {
            final String ledger = holdersPath + "/" + owner;
            permits.update(p ->
            {
                final long available = ZkLock.toLong(p);
                if (bounded && available + rest > initial)
                {
                    throw new IllegalStateException("bounded semaphore " + EntryNames.quote(name) +
                        " released too many times: " + available + " available + " + rest + " released exceeds its " +
                        initial + " initial permits");
                }
                return new Cell.Change(ZkLock.longBytes(available + rest), List.of(ledgerWrite(ledger, -rest)));
            });
            synchronized (this)
            {
                heldByOwner.computeIfPresent(owner, (k, v) -> v - rest > 0 ? v - rest : null);
            }
        }
        if (lost > 0)
        {
            throw new IllegalStateException(lost + " of the " + n + " permits released to semaphore " +
                EntryNames.quote(name) + " were acquired under a ZooKeeper session that was lost; they were " +
                "returned when it expired and are not released twice");
        }
    }

    @Override
    public int drainPermits()
    {
        space.checkOpen();
        final String owner = space.ownerId();
        final String ledger = holdersPath + "/" + owner;
        // As java.util.concurrent.Semaphore: a negative count is released to 0 and returned.
        final long before = ZkLock.toLong(permits.update(p ->
        {
            final long available = ZkLock.toLong(p);
            if (available == 0)
            {
                return Cell.Change.NONE;
            }
            return available < 0 ? Cell.Change.to(ZkLock.longBytes(0)) :
                new Cell.Change(ZkLock.longBytes(0), List.of(ledgerWrite(ledger, available)));
        }));
        if (before <= 0)
        {
            return (int)before;
        }
        synchronized (this)
        {
            heldByOwner.merge(owner, (int)before, Integer::sum);
        }
        return (int)before;
    }

    @Override
    public int availablePermits()
    {
        space.checkOpen();
        return (int)ZkLock.toLong(permits.read(false));
    }

    @Override
    public int initialPermits()
    {
        return initial;
    }

    @Override
    public boolean isBounded()
    {
        return bounded;
    }

    private void checkCount(final int n)
    {
        if (n < 0)
        {
            throw new IllegalArgumentException("permits " + n + " for semaphore " + EntryNames.quote(name) +
                ": expected 0 or more");
        }
    }

    private void check(final int n)
    {
        checkCount(n);
        if (bounded && n > initial)
        {
            throw new IllegalArgumentException("acquiring " + n + " permits of bounded semaphore " +
                EntryNames.quote(name) + " of " + initial + " initial permits would wait forever");
        }
    }

    @Override
    public String toString()
    {
        return "SharedSemaphore['" + name + "' on ZooKeeper]";
    }
}

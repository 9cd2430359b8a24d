package dev.shmem.zookeeper;

import dev.shmem.RobustLock;
import dev.shmem.SharedCondition;
import org.apache.curator.framework.recipes.locks.InterProcessLock;
import org.apache.curator.framework.state.ConnectionState;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What both locks of this backend share: a Curator {@link InterProcessLock} for mutual exclusion between
 * processes, the owning thread and hold count kept in this JVM, and the robust-mutex bookkeeping in znodes:
 *
 * <pre>
 * &lt;entry&gt;/mutex/...      Curator's lock nodes (ephemeral: they vanish with a dead owner's session)
 * &lt;entry&gt;/held           persistent marker, written on acquire, deleted on a clean unlock
 * &lt;entry&gt;/inconsistent   persistent, created by an acquirer that found a marker, deleted by markConsistent()
 * &lt;entry&gt;/takeovers      a Cell counting takeovers
 * &lt;entry&gt;/conditions/... the named conditions' waiter nodes
 * </pre>
 *
 * <h2>Connection loss</h2>
 * When the connection goes SUSPENDED or LOST, every hold of this process is revoked at once: the session may
 * expire and another process take the lock, so this JVM stops believing it holds it.
 * {@link #isHeldByCurrentThread()} returns false, {@link #unlock()} throws {@link IllegalMonitorStateException}
 * (after releasing Curator's lock node if the session survived), and the marker stays, so the next owner sees
 * {@link #isConsistent()} false: the critical section may not have finished.
 */
abstract class ZkLock implements RobustLock
{
    private final ZooKeeperSpace space;
    private final String name;
    private final String path;
    private final String markerPath;
    private final String inconsistentPath;
    private final Cell takeovers;
    private final ConcurrentHashMap<String, ZkCondition> conditions = new ConcurrentHashMap<>();
    private final InterProcessLockFactory factory;
    private final String mutexPath;
    /** The Curator lock of the current hold (a new one per outermost acquire); written by the owner thread. */
    private InterProcessLock held;

    /** The owning thread in this JVM, or null; written under {@code this}. */
    private volatile Thread owner;
    /** Holds of the owner thread; written by the owner only. */
    private int holds;
    /** Set when the connection was suspended or lost while this JVM held the lock. */
    private volatile ConnectionState revokedBy;

    ZkLock(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry, final InterProcessLockFactory factory)
    {
        this.space = space;
        this.name = entry.name;
        this.path = entry.path;
        this.markerPath = path + "/held";
        this.inconsistentPath = path + "/inconsistent";
        this.takeovers = new Cell(space.zk(), path + "/takeovers", new byte[Long.BYTES]);
        this.factory = factory;
        this.mutexPath = path + "/mutex";
    }

    /** Makes the Curator lock of an entry. */
    @FunctionalInterface
    interface InterProcessLockFactory
    {
        InterProcessLock create(org.apache.curator.framework.CuratorFramework client, String path);
    }

    /**
     * @return true if this kind of lock may be acquired again by its owner.
     */
    abstract boolean reentrant();

    /**
     * Lets go of a Curator lock whose hold was revoked or is closed, without blocking the caller (the server may
     * be unreachable): its node is deleted in the background, or vanishes with the session.
     */
    abstract void abandon(InterProcessLock lock);

    /**
     * @return what to say when the owner asks again for a lock that is not reentrant.
     */
    private IllegalMonitorStateException notReentrant()
    {
        return new IllegalMonitorStateException("lock " + EntryNames.quote(name) +
            " is not reentrant: the calling thread already holds it (use a reentrant lock)");
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void lock()
    {
        boolean interrupted = false;
        try
        {
            while (true)
            {
                try
                {
                    acquire(-1, true);
                    return;
                }
                catch (final InterruptedException ex)
                {
                    // Curator may set the status again as it rethrows: clear it, or the retry fails at once.
                    interrupted = true;
                    Thread.interrupted();
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

    @Override
    public void lockInterruptibly() throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted before acquiring lock " + EntryNames.quote(name));
        }
        acquire(-1, true);
    }

    @Override
    public boolean tryLock()
    {
        if (ownedHere() && !reentrant())
        {
            return false;
        }
        boolean interrupted = Thread.interrupted();
        try
        {
            while (true)
            {
                try
                {
                    return acquire(0, false);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                    Thread.interrupted();
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

    @Override
    public boolean tryLock(final long time, final TimeUnit unit) throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted before acquiring lock " + EntryNames.quote(name));
        }
        return acquire(Math.max(0, unit.toNanos(time)), true);
    }

    /**
     * @param timeoutNanos -1 for no limit.
     * @param checkOwner   true to refuse a second acquire of a non-reentrant lock with an exception.
     */
    private boolean acquire(final long timeoutNanos, final boolean checkOwner) throws InterruptedException
    {
        space.checkOpen();
        dropRevokedHold();
        if (ownedHere())
        {
            if (!reentrant())
            {
                if (checkOwner)
                {
                    throw notReentrant();
                }
                return false;
            }
            if (holds == Integer.MAX_VALUE)
            {
                throw new Error("maximum lock count exceeded for " + EntryNames.quote(name));
            }
            holds++;
            return true;
        }
        final boolean got;
        final InterProcessLock mutex = factory.create(space.zk().client(), mutexPath);
        try
        {
            got = timeoutNanos < 0 ? acquireForever(mutex) : mutex.acquire(timeoutNanos, TimeUnit.NANOSECONDS);
        }
        catch (final InterruptedException ex)
        {
            throw ex;
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new ZooKeeperException("acquire lock " + EntryNames.quote(name) + " failed: " + ex, ex);
        }
        if (!got)
        {
            return false;
        }
        try
        {
            afterAcquire();
        }
        catch (final RuntimeException ex)
        {
            abandon(mutex);
            throw ex;
        }
        held = mutex;
        return true;
    }

    private static boolean acquireForever(final InterProcessLock mutex) throws Exception
    {
        mutex.acquire();
        return true;
    }

    private void afterAcquire()
    {
        final Zk zk = space.zk();
        final byte[] me = ("owner " + space.ownerId() + " thread " + Thread.currentThread().getName())
            .getBytes(StandardCharsets.UTF_8);
        if (!zk.createIfAbsent(markerPath, me))
        {
            // The previous owner did not unlock cleanly: it died, or lost its connection, holding the lock.
            zk.createIfAbsent(inconsistentPath, me);
            takeovers.update(p -> Cell.Change.to(longBytes(toLong(p) + 1)));
            zk.call("mark " + markerPath, () -> zk.client().setData().forPath(markerPath, me));
        }
        revokedBy = null;
        holds = 1;
        owner = Thread.currentThread();
    }

    @Override
    public void unlock()
    {
        final Thread current = Thread.currentThread();
        if (owner != current)
        {
            throw new IllegalMonitorStateException("lock " + EntryNames.quote(name) +
                " is not held by the calling thread " + current.getName());
        }
        final ConnectionState revoked = revokedBy;
        if (revoked != null)
        {
            dropRevokedHold();
            throw new IllegalMonitorStateException("lock " + EntryNames.quote(name) + " was revoked: the ZooKeeper " +
                "connection was " + revoked + " while thread " + current.getName() + " held it, so another process " +
                "may have taken it; its next owner sees isConsistent() == false");
        }
        if (--holds > 0)
        {
            return;
        }
        final InterProcessLock mutex = held;
        if (releaseWithMarker(mutex, markerPath))
        {
            held = null;
            owner = null;
            return;
        }
        try
        {
            space.zk().deleteIfPresent(markerPath);
        }
        finally
        {
            owner = null;
            releaseCurator();
        }
    }

    /**
     * Deletes the marker and releases the Curator lock in one transaction, if this kind of lock can.
     *
     * @return true if done; false to fall back to deleting the marker, then releasing.
     */
    boolean releaseWithMarker(final InterProcessLock mutex, final String marker)
    {
        return false;
    }

    private void releaseCurator()
    {
        final InterProcessLock mutex = held;
        held = null;
        // Curator's release fails at once on a set interrupt status (an awaitUninterruptibly, a lock() that was
        // interrupted): release with the status cleared, then restore it.
        final boolean interrupted = Thread.interrupted();
        try
        {
            mutex.release();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new ZooKeeperException("release of lock " + EntryNames.quote(name) + " failed: " + ex +
                " (the lock node is deleted in the background, or when the session ends)", ex);
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A hold of the calling thread revoked by a connection loss is forgotten (and its Curator node released). */
    private void dropRevokedHold()
    {
        if (owner == Thread.currentThread() && revokedBy != null)
        {
            owner = null;
            holds = 0;
            final InterProcessLock mutex = held;
            held = null;
            abandon(mutex);
        }
    }

    private boolean ownedHere()
    {
        return owner == Thread.currentThread() && revokedBy == null;
    }

    /** Called by the space's connection listener. */
    void revoke(final ConnectionState state)
    {
        if (owner != null)
        {
            revokedBy = state;
        }
    }

    /** Called by {@link ZooKeeperSpace#close()}: a clean release of a hold of any thread of this JVM. */
    void releaseOnClose()
    {
        final InterProcessLock mutex = held;
        if (owner == null || mutex == null)
        {
            return;
        }
        owner = null;
        holds = 0;
        held = null;
        space.zk().deleteIfPresent(markerPath);
        abandon(mutex);
    }

    @Override
    public SharedCondition newCondition()
    {
        space.checkOpen();
        return newCondition(space.newConditionName(name));
    }

    @Override
    public SharedCondition newCondition(final String conditionName)
    {
        final String znode = EntryNames.znode(conditionName);
        space.checkOpen();
        return conditions.computeIfAbsent(znode, z -> new ZkCondition(space, this, conditionName,
            path + "/conditions/" + z));
    }

    @Override
    public boolean isLocked()
    {
        space.checkOpen();
        if (owner != null && revokedBy == null)
        {
            return true;
        }
        final List<String> nodes = space.zk().call("list " + path, () ->
        {
            try
            {
                final String dir = curatorHoldersDir();
                return space.zk().client().getChildren().forPath(mutexPath + (dir.isEmpty() ? "" : "/" + dir));
            }
            catch (final org.apache.zookeeper.KeeperException.NoNodeException none)
            {
                return List.of();
            }
        });
        return !nodes.isEmpty() && space.zk().exists(markerPath);
    }

    /**
     * @return the child of the Curator lock path whose children are the holders and waiters.
     */
    abstract String curatorHoldersDir();

    @Override
    public boolean isHeldByCurrentThread()
    {
        return ownedHere();
    }

    @Override
    public boolean isConsistent()
    {
        space.checkOpen();
        return !space.zk().exists(inconsistentPath);
    }

    @Override
    public void markConsistent()
    {
        if (!ownedHere())
        {
            throw new IllegalMonitorStateException("markConsistent on lock " + EntryNames.quote(name) +
                " by thread " + Thread.currentThread().getName() + ", which does not hold it");
        }
        space.zk().deleteIfPresent(inconsistentPath);
    }

    @Override
    public long takeovers()
    {
        space.checkOpen();
        return toLong(takeovers.read(false));
    }

    /**
     * @return the hold count of the calling thread (0 if it does not hold the lock).
     */
    int holdCount()
    {
        return ownedHere() ? holds : 0;
    }

    /**
     * Releases every hold of the calling thread (for a condition's await).
     *
     * @return the hold count to restore.
     */
    int releaseAll()
    {
        if (!ownedHere())
        {
            throw new IllegalMonitorStateException("lock " + EntryNames.quote(name) +
                " is not held by the calling thread " + Thread.currentThread().getName());
        }
        final int saved = holds;
        holds = 1;
        unlock();
        return saved;
    }

    /**
     * Re-acquires the lock after a condition's await, uninterruptibly, and restores the hold count.
     */
    void reacquire(final int savedHolds)
    {
        lock();
        holds = savedHolds;
    }

    void checkHeld()
    {
        if (!ownedHere())
        {
            throw new IllegalMonitorStateException("lock " + EntryNames.quote(name) +
                " is not held by the calling thread " + Thread.currentThread().getName());
        }
    }

    ZooKeeperSpace space()
    {
        return space;
    }

    static byte[] longBytes(final long value)
    {
        return java.nio.ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long toLong(final byte[] bytes)
    {
        return java.nio.ByteBuffer.wrap(bytes).getLong();
    }

    @Override
    public String toString()
    {
        return getClass().getSimpleName() + "['" + name + "' on ZooKeeper" + (owner != null ? ", held here]" : "]");
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedCondition;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link SharedCondition} on ZooKeeper. A waiter, holding the lock, creates an ephemeral sequential node under
 * {@code <lock>/conditions/_<name>}, releases the lock and waits for that node to be deleted; {@code signal()}
 * (also under the lock) deletes the oldest waiter node, {@code signalAll()} every one. Because the node is created
 * before the lock is released and signals are sent under the lock, no signal is lost between the two. A waiter
 * that times out deletes its own node; if the delete finds the node gone, a signal reached it first and it counts
 * as signalled.
 *
 * <p>Limit: a waiter that died keeps its node until its session expires (the session timeout); a signal sent in
 * that window may be spent on it. Waiting in a loop on the guarded state, as every {@code Condition} requires,
 * with a timed await bounds the effect.
 */
final class ZkCondition implements SharedCondition
{
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ZooKeeperSpace space;
    private final ZkLock lock;
    private final String name;
    private final String path;

    ZkCondition(final ZooKeeperSpace space, final ZkLock lock, final String name, final String path)
    {
        this.space = space;
        this.lock = lock;
        this.name = name;
        this.path = path;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void await() throws InterruptedException
    {
        awaitUntilDeadline(Long.MAX_VALUE, true);
    }

    @Override
    public void awaitUninterruptibly()
    {
        try
        {
            awaitUntilDeadline(Long.MAX_VALUE, false);
        }
        catch (final InterruptedException impossible)
        {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public long awaitNanos(final long nanosTimeout) throws InterruptedException
    {
        final long deadline = ZooKeeperSpace.deadline(nanosTimeout, TimeUnit.NANOSECONDS);
        awaitUntilDeadline(deadline, true);
        return ZooKeeperSpace.remainingNanos(deadline);
    }

    @Override
    public boolean await(final long time, final TimeUnit unit) throws InterruptedException
    {
        return awaitUntilDeadline(ZooKeeperSpace.deadline(time, unit), true);
    }

    @Override
    public boolean awaitUntil(final Date deadline) throws InterruptedException
    {
        return await(deadline.getTime() - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @return true if signalled, false if the deadline passed first.
     */
    private boolean awaitUntilDeadline(final long deadline, final boolean interruptible) throws InterruptedException
    {
        lock.checkHeld();
        if (interruptible && Thread.interrupted())
        {
            throw new InterruptedException("interrupted before awaiting condition " + EntryNames.quote(name));
        }
        final Zk zk = space.zk();
        final String node = zk.call("enqueue waiter on " + path, () -> zk.client().create()
            .creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL_SEQUENTIAL).forPath(path + "/w-"));
        final int holds = lock.releaseAll();
        boolean signalled = false;
        boolean interrupted = false;
        try
        {
            while (!signalled)
            {
                final long remaining = ZooKeeperSpace.remainingNanos(deadline);
                if (remaining <= 0)
                {
                    break;
                }
                final CountDownLatch changed = new CountDownLatch(1);
                signalled = zk.call("watch " + node, () ->
                    zk.client().checkExists().usingWatcher((org.apache.zookeeper.Watcher)e -> changed.countDown())
                        .forPath(node) == null);
                if (!signalled)
                {
                    try
                    {
                        changed.await(Math.min(remaining, RECHECK_NANOS), TimeUnit.NANOSECONDS);
                    }
                    catch (final InterruptedException ex)
                    {
                        interrupted = true;
                        if (interruptible)
                        {
                            break;
                        }
                    }
                }
            }
        }
        finally
        {
            if (!signalled && !zk.deleteIfPresent(node))
            {
                signalled = true;
            }
            lock.reacquire(holds);
        }
        if (interrupted)
        {
            if (interruptible)
            {
                throw new InterruptedException("interrupted while awaiting condition " + EntryNames.quote(name));
            }
            Thread.currentThread().interrupt();
        }
        return signalled;
    }

    @Override
    public void signal()
    {
        lock.checkHeld();
        for (final String waiter : waiters())
        {
            if (space.zk().deleteIfPresent(path + "/" + waiter))
            {
                return;
            }
        }
    }

    @Override
    public void signalAll()
    {
        lock.checkHeld();
        for (final String waiter : waiters())
        {
            space.zk().deleteIfPresent(path + "/" + waiter);
        }
    }

    private List<String> waiters()
    {
        final List<String> children = space.zk().call("list waiters of " + path, () ->
        {
            try
            {
                return new ArrayList<>(space.zk().client().getChildren().forPath(path));
            }
            catch (final KeeperException.NoNodeException none)
            {
                return new ArrayList<String>();
            }
        });
        Collections.sort(children);
        return children;
    }

    @Override
    public String toString()
    {
        return "SharedCondition['" + name + "' of " + lock.name() + " on ZooKeeper]";
    }
}

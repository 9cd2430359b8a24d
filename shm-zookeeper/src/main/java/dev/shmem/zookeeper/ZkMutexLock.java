package dev.shmem.zookeeper;

import dev.shmem.SharedLock;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.locks.InterProcessLock;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreMutex;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.zookeeper.KeeperException;

import java.util.concurrent.TimeUnit;

/**
 * {@link SharedLock} on ZooKeeper: Curator's one-lease semaphore, the recipe of {@link InterProcessSemaphoreMutex}
 * (not reentrant), used through {@link InterProcessSemaphoreV2} directly so that its lease node is known and an
 * unlock deletes the marker and the lease in one transaction (one round trip fewer than marker, then release);
 * the owner thread is kept in this JVM; see {@link ZkLock}.
 */
final class ZkMutexLock extends ZkLock implements SharedLock
{
    ZkMutexLock(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry)
    {
        super(space, entry, LeaseLock::new);
    }

    /** What {@link InterProcessSemaphoreMutex} is, with its lease's path exposed. */
    private static final class LeaseLock implements InterProcessLock
    {
        private final InterProcessSemaphoreV2 semaphore;
        private final String leasesPath;
        private volatile Lease lease;

        LeaseLock(final CuratorFramework client, final String path)
        {
            this.semaphore = new InterProcessSemaphoreV2(client, path, 1);
            this.leasesPath = path + "/leases";
        }

        @Override
        public void acquire() throws Exception
        {
            lease = semaphore.acquire();
        }

        @Override
        public boolean acquire(final long time, final TimeUnit unit) throws Exception
        {
            lease = semaphore.acquire(time, unit);
            return lease != null;
        }

        @Override
        public void release() throws Exception
        {
            final Lease held = lease;
            lease = null;
            if (held == null)
            {
                throw new IllegalStateException("lease not held");
            }
            held.close();
        }

        @Override
        public boolean isAcquiredInThisProcess()
        {
            return lease != null;
        }

        String leasePath()
        {
            final Lease held = lease;
            return held == null ? null : leasesPath + "/" + held.getNodeName();
        }
    }

    @Override
    boolean reentrant()
    {
        return false;
    }

    @Override
    boolean releaseWithMarker(final InterProcessLock mutex, final String marker)
    {
        final LeaseLock lock = (LeaseLock)mutex;
        final String leasePath = lock.leasePath();
        if (leasePath == null)
        {
            return false;
        }
        final Zk zk = space().zk();
        // Zk.call retries through an interrupt and keeps the status.
        final boolean done = zk.call("unlock " + marker, () ->
        {
            try
            {
                zk.client().transaction().forOperations(
                    zk.client().transactionOp().delete().forPath(marker),
                    zk.client().transactionOp().delete().forPath(leasePath));
                return true;
            }
            catch (final KeeperException.NoNodeException gone)
            {
                return false;
            }
        });
        if (done)
        {
            lock.lease = null;
        }
        return done;
    }

    @Override
    void abandon(final InterProcessLock lock)
    {
        if (lock != null)
        {
            space().background(() ->
            {
                lock.release();
                return null;
            });
        }
    }

    @Override
    String curatorHoldersDir()
    {
        return "leases";
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedLock;
import org.apache.curator.framework.recipes.locks.InterProcessLock;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreMutex;

/**
 * {@link SharedLock} on ZooKeeper: Curator's {@link InterProcessSemaphoreMutex} (a one-lease semaphore, not
 * reentrant), with the owner thread kept in this JVM; see {@link ZkLock}.
 */
final class ZkMutexLock extends ZkLock implements SharedLock
{
    ZkMutexLock(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry)
    {
        super(space, entry, InterProcessSemaphoreMutex::new);
    }

    @Override
    boolean reentrant()
    {
        return false;
    }

    @Override
    void abandon(final InterProcessLock lock)
    {
        if (lock != null)
        {
            space().background(() ->
            {
                ((InterProcessSemaphoreMutex)lock).release();
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

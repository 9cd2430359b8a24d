package dev.shmem.zookeeper;

import dev.shmem.SharedReentrantLock;
import org.apache.curator.framework.recipes.locks.InterProcessLock;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;

/**
 * {@link SharedReentrantLock} on ZooKeeper: Curator's {@link InterProcessMutex}, taken once per outermost hold;
 * nested holds are counted in this JVM; see {@link ZkLock}.
 */
final class ZkReentrantLock extends ZkLock implements SharedReentrantLock
{
    ZkReentrantLock(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry)
    {
        super(space, entry, OwnedMutex::new);
    }

    /** Curator's mutex with the path of its lock node exposed, so another thread can delete it. */
    private static final class OwnedMutex extends InterProcessMutex
    {
        OwnedMutex(final org.apache.curator.framework.CuratorFramework client, final String path)
        {
            super(client, path);
        }

        String lockNode()
        {
            return getLockPath();
        }
    }

    @Override
    void abandon(final InterProcessLock lock)
    {
        final String node = lock == null ? null : ((OwnedMutex)lock).lockNode();
        if (node != null)
        {
            space().background(() -> space().zk().client().delete().guaranteed().inBackground().forPath(node));
        }
    }

    @Override
    boolean reentrant()
    {
        return true;
    }

    @Override
    String curatorHoldersDir()
    {
        return "";
    }

    @Override
    public int getHoldCount()
    {
        return holdCount();
    }
}

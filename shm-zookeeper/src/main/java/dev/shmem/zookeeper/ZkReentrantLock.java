package dev.shmem.zookeeper;

import dev.shmem.SharedReentrantLock;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;

/**
 * {@link SharedReentrantLock} on ZooKeeper: Curator's {@link InterProcessMutex}, taken once per outermost hold;
 * nested holds are counted in this JVM; see {@link ZkLock}.
 */
final class ZkReentrantLock extends ZkLock implements SharedReentrantLock
{
    ZkReentrantLock(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry)
    {
        super(space, entry, InterProcessMutex::new);
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

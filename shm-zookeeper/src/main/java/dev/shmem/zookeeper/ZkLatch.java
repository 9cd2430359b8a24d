package dev.shmem.zookeeper;

import dev.shmem.SharedCountDownLatch;

import java.util.concurrent.TimeUnit;

/**
 * {@link SharedCountDownLatch} on ZooKeeper: a {@link Cell} holding the count (absent: the initial count);
 * {@code countDown} decrements it unless it is 0, waiters watch it.
 */
final class ZkLatch implements SharedCountDownLatch
{
    private final ZooKeeperSpace space;
    private final String name;
    private final Cell count;

    ZkLatch(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry)
    {
        this.space = space;
        this.name = entry.name;
        this.count = new Cell(space.zk(), entry.path + "/count", ZkLock.longBytes(entry.parameter));
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void countDown()
    {
        space.checkOpen();
        count.update(p ->
        {
            final long c = ZkLock.toLong(p);
            return c <= 0 ? Cell.Change.NONE : Cell.Change.to(ZkLock.longBytes(c - 1));
        });
    }

    @Override
    public long getCount()
    {
        space.checkOpen();
        return ZkLock.toLong(count.read(true));
    }

    @Override
    public void await() throws InterruptedException
    {
        await(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        if (Thread.interrupted())
        {
            throw new InterruptedException("interrupted before awaiting latch " + EntryNames.quote(name));
        }
        return Waits.until(space, count, p -> ZkLock.toLong(p) <= 0, ZooKeeperSpace.deadline(timeout, unit)) != null;
    }

    @Override
    public String toString()
    {
        return "SharedCountDownLatch['" + name + "' on ZooKeeper]";
    }
}

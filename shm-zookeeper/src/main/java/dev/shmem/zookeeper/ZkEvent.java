package dev.shmem.zookeeper;

import dev.shmem.SharedEvent;

import java.util.concurrent.TimeUnit;

/**
 * {@link SharedEvent} on ZooKeeper: a {@link Cell} holding 0 (clear) or 1 (set); waiters watch it.
 */
final class ZkEvent implements SharedEvent
{
    private final ZooKeeperSpace space;
    private final String name;
    private final Cell flag;

    ZkEvent(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry)
    {
        this.space = space;
        this.name = entry.name;
        this.flag = new Cell(space.zk(), entry.path + "/flag", new byte[1]);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public void set()
    {
        write((byte)1);
    }

    @Override
    public void clear()
    {
        write((byte)0);
    }

    private void write(final byte value)
    {
        space.checkOpen();
        flag.update(p -> p[0] == value ? Cell.Change.NONE : Cell.Change.to(new byte[]{ value }));
    }

    @Override
    public boolean isSet()
    {
        space.checkOpen();
        return flag.read(true)[0] != 0;
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
            throw new InterruptedException("interrupted before awaiting event " + EntryNames.quote(name));
        }
        return Waits.until(space, flag, p -> p[0] != 0, ZooKeeperSpace.deadline(timeout, unit)) != null;
    }

    @Override
    public String toString()
    {
        return "SharedEvent['" + name + "' on ZooKeeper]";
    }
}

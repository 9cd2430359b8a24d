package dev.shmem.zookeeper;

import dev.shmem.SharedLong;

/**
 * {@link SharedLong} on ZooKeeper: one slot of {@link Slots}. {@link #get()} is linearizable (sync, then read);
 * {@link #getAcquire()} and {@link #getPlain()} read the connected server. Every write is a quorum commit of a
 * versioned compare-and-set, applied exactly once.
 */
final class ZkLong implements SharedLong
{
    private final Slots slots;

    ZkLong(final Slots slots)
    {
        this.slots = slots;
    }

    @Override
    public String name()
    {
        return slots.name();
    }

    @Override
    public long get()
    {
        return slots.get(0, true);
    }

    @Override
    public void set(final long newValue)
    {
        slots.set(0, newValue);
    }

    @Override
    public long getPlain()
    {
        return slots.get(0, false);
    }

    @Override
    public void setPlain(final long newValue)
    {
        slots.set(0, newValue);
    }

    @Override
    public long getAcquire()
    {
        return slots.get(0, false);
    }

    @Override
    public void setRelease(final long newValue)
    {
        slots.set(0, newValue);
    }

    @Override
    public long getAndSet(final long newValue)
    {
        return slots.getAndUpdate(0, x -> newValue);
    }

    @Override
    public boolean compareAndSet(final long expectedValue, final long newValue)
    {
        return slots.compareAndSet(0, expectedValue, newValue);
    }

    @Override
    public long getAndAdd(final long delta)
    {
        return slots.getAndUpdate(0, x -> x + delta);
    }

    @Override
    public long addAndGet(final long delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public long incrementAndGet()
    {
        return addAndGet(1);
    }

    @Override
    public long getAndIncrement()
    {
        return getAndAdd(1);
    }

    @Override
    public long decrementAndGet()
    {
        return addAndGet(-1);
    }

    @Override
    public long getAndDecrement()
    {
        return getAndAdd(-1);
    }

    @Override
    public String toString()
    {
        return "SharedLong['" + name() + "' on ZooKeeper]";
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedLongArray;

/**
 * {@link SharedLongArray} on ZooKeeper: the slots of {@link Slots}, 64 elements per znode. Element reads and
 * writes as {@link ZkLong}; {@link #toArray()} reads chunk by chunk.
 */
final class ZkLongArray implements SharedLongArray
{
    private final Slots slots;

    ZkLongArray(final Slots slots)
    {
        this.slots = slots;
    }

    @Override
    public String name()
    {
        return slots.name();
    }

    @Override
    public int length()
    {
        return slots.length();
    }

    @Override
    public long get(final int index)
    {
        return slots.get(index, true);
    }

    @Override
    public void set(final int index, final long newValue)
    {
        slots.set(index, newValue);
    }

    @Override
    public long getPlain(final int index)
    {
        return slots.get(index, false);
    }

    @Override
    public void setPlain(final int index, final long newValue)
    {
        slots.set(index, newValue);
    }

    @Override
    public long getAcquire(final int index)
    {
        return slots.get(index, false);
    }

    @Override
    public void setRelease(final int index, final long newValue)
    {
        slots.set(index, newValue);
    }

    @Override
    public long getAndSet(final int index, final long newValue)
    {
        return slots.getAndUpdate(index, x -> newValue);
    }

    @Override
    public boolean compareAndSet(final int index, final long expectedValue, final long newValue)
    {
        return slots.compareAndSet(index, expectedValue, newValue);
    }

    @Override
    public long getAndAdd(final int index, final long delta)
    {
        return slots.getAndUpdate(index, x -> x + delta);
    }

    @Override
    public long addAndGet(final int index, final long delta)
    {
        return getAndAdd(index, delta) + delta;
    }

    @Override
    public long incrementAndGet(final int index)
    {
        return addAndGet(index, 1);
    }

    @Override
    public long getAndIncrement(final int index)
    {
        return getAndAdd(index, 1);
    }

    @Override
    public long decrementAndGet(final int index)
    {
        return addAndGet(index, -1);
    }

    @Override
    public long getAndDecrement(final int index)
    {
        return getAndAdd(index, -1);
    }

    @Override
    public long[] toArray()
    {
        return slots.toArray();
    }

    @Override
    public String toString()
    {
        return "SharedLongArray['" + name() + "' of " + length() + " on ZooKeeper]";
    }
}

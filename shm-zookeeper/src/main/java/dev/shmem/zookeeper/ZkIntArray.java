package dev.shmem.zookeeper;

import dev.shmem.SharedIntArray;

/**
 * {@link SharedIntArray} on ZooKeeper: the slots of {@link Slots} holding sign-extended ints, 64 elements per
 * znode; arithmetic wraps as {@code int} arithmetic does.
 */
final class ZkIntArray implements SharedIntArray
{
    private final Slots slots;

    ZkIntArray(final Slots slots)
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
    public int get(final int index)
    {
        return (int)slots.get(index, true);
    }

    @Override
    public void set(final int index, final int newValue)
    {
        slots.set(index, newValue);
    }

    @Override
    public int getPlain(final int index)
    {
        return (int)slots.get(index, false);
    }

    @Override
    public void setPlain(final int index, final int newValue)
    {
        slots.set(index, newValue);
    }

    @Override
    public int getAcquire(final int index)
    {
        return (int)slots.get(index, false);
    }

    @Override
    public void setRelease(final int index, final int newValue)
    {
        slots.set(index, newValue);
    }

    @Override
    public int getAndSet(final int index, final int newValue)
    {
        return (int)slots.getAndUpdate(index, x -> newValue);
    }

    @Override
    public boolean compareAndSet(final int index, final int expectedValue, final int newValue)
    {
        return slots.compareAndSet(index, expectedValue, newValue);
    }

    @Override
    public int getAndAdd(final int index, final int delta)
    {
        return (int)slots.getAndUpdate(index, x -> (int)x + delta);
    }

    @Override
    public int addAndGet(final int index, final int delta)
    {
        return getAndAdd(index, delta) + delta;
    }

    @Override
    public int incrementAndGet(final int index)
    {
        return addAndGet(index, 1);
    }

    @Override
    public int getAndIncrement(final int index)
    {
        return getAndAdd(index, 1);
    }

    @Override
    public int decrementAndGet(final int index)
    {
        return addAndGet(index, -1);
    }

    @Override
    public int getAndDecrement(final int index)
    {
        return getAndAdd(index, -1);
    }

    @Override
    public int[] toArray()
    {
        final long[] bits = slots.toArray();
        final int[] out = new int[bits.length];
        for (int i = 0; i < bits.length; i++)
        {
            out[i] = (int)bits[i];
        }
        return out;
    }

    @Override
    public String toString()
    {
        return "SharedIntArray['" + name() + "' of " + length() + " on ZooKeeper]";
    }
}

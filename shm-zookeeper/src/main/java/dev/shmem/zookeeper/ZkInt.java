package dev.shmem.zookeeper;

import dev.shmem.SharedInt;

/**
 * {@link SharedInt} on ZooKeeper: one slot of {@link Slots} holding the value sign-extended; arithmetic wraps as
 * {@code int} arithmetic does. Reads and writes as {@link ZkLong}.
 */
final class ZkInt implements SharedInt
{
    private final Slots slots;

    ZkInt(final Slots slots)
    {
        this.slots = slots;
    }

    @Override
    public String name()
    {
        return slots.name();
    }

    @Override
    public int get()
    {
        return (int)slots.get(0, true);
    }

    @Override
    public void set(final int newValue)
    {
        slots.set(0, newValue);
    }

    @Override
    public int getPlain()
    {
        return (int)slots.get(0, false);
    }

    @Override
    public void setPlain(final int newValue)
    {
        slots.set(0, newValue);
    }

    @Override
    public int getAcquire()
    {
        return (int)slots.get(0, false);
    }

    @Override
    public void setRelease(final int newValue)
    {
        slots.set(0, newValue);
    }

    @Override
    public int getAndSet(final int newValue)
    {
        return (int)slots.getAndUpdate(0, x -> newValue);
    }

    @Override
    public boolean compareAndSet(final int expectedValue, final int newValue)
    {
        return slots.compareAndSet(0, expectedValue, newValue);
    }

    @Override
    public int getAndAdd(final int delta)
    {
        return (int)slots.getAndUpdate(0, x -> (int)x + delta);
    }

    @Override
    public int addAndGet(final int delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public int incrementAndGet()
    {
        return addAndGet(1);
    }

    @Override
    public int getAndIncrement()
    {
        return getAndAdd(1);
    }

    @Override
    public int decrementAndGet()
    {
        return addAndGet(-1);
    }

    @Override
    public int getAndDecrement()
    {
        return getAndAdd(-1);
    }

    @Override
    public String toString()
    {
        return "SharedInt['" + name() + "' on ZooKeeper]";
    }
}

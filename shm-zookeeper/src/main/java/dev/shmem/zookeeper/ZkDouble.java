package dev.shmem.zookeeper;

import dev.shmem.SharedDouble;

/**
 * {@link SharedDouble} on ZooKeeper: one slot of {@link Slots} holding the raw bits; compare-and-set compares
 * bits. Reads and writes as {@link ZkLong}.
 */
final class ZkDouble implements SharedDouble
{
    private final Slots slots;

    ZkDouble(final Slots slots)
    {
        this.slots = slots;
    }

    @Override
    public String name()
    {
        return slots.name();
    }

    @Override
    public double get()
    {
        return Double.longBitsToDouble(slots.get(0, true));
    }

    @Override
    public void set(final double newValue)
    {
        slots.set(0, Double.doubleToRawLongBits(newValue));
    }

    @Override
    public double getPlain()
    {
        return Double.longBitsToDouble(slots.get(0, false));
    }

    @Override
    public void setPlain(final double newValue)
    {
        set(newValue);
    }

    @Override
    public double getAcquire()
    {
        return getPlain();
    }

    @Override
    public void setRelease(final double newValue)
    {
        set(newValue);
    }

    @Override
    public double getAndSet(final double newValue)
    {
        return Double.longBitsToDouble(slots.getAndUpdate(0, x -> Double.doubleToRawLongBits(newValue)));
    }

    @Override
    public boolean compareAndSet(final double expectedValue, final double newValue)
    {
        return slots.compareAndSet(0, Double.doubleToRawLongBits(expectedValue), Double.doubleToRawLongBits(newValue));
    }

    @Override
    public double getAndAdd(final double delta)
    {
        return Double.longBitsToDouble(slots.getAndUpdate(0,
            x -> Double.doubleToRawLongBits(Double.longBitsToDouble(x) + delta)));
    }

    @Override
    public double addAndGet(final double delta)
    {
        return getAndAdd(delta) + delta;
    }

    @Override
    public String toString()
    {
        return "SharedDouble['" + name() + "' on ZooKeeper]";
    }
}

package dev.shmem.zookeeper;

import dev.shmem.SharedDoubleArray;

/**
 * {@link SharedDoubleArray} on ZooKeeper: the slots of {@link Slots} holding raw bits, 64 elements per znode;
 * compare-and-set compares bits.
 */
final class ZkDoubleArray implements SharedDoubleArray
{
    private final Slots slots;

    ZkDoubleArray(final Slots slots)
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
    public double get(final int index)
    {
        return Double.longBitsToDouble(slots.get(index, true));
    }

    @Override
    public void set(final int index, final double newValue)
    {
        slots.set(index, Double.doubleToRawLongBits(newValue));
    }

    @Override
    public double getPlain(final int index)
    {
        return Double.longBitsToDouble(slots.get(index, false));
    }

    @Override
    public void setPlain(final int index, final double newValue)
    {
        set(index, newValue);
    }

    @Override
    public double getAcquire(final int index)
    {
        return getPlain(index);
    }

    @Override
    public void setRelease(final int index, final double newValue)
    {
        set(index, newValue);
    }

    @Override
    public double getAndSet(final int index, final double newValue)
    {
        return Double.longBitsToDouble(slots.getAndUpdate(index, x -> Double.doubleToRawLongBits(newValue)));
    }

    @Override
    public boolean compareAndSet(final int index, final double expectedValue, final double newValue)
    {
        return slots.compareAndSet(index, Double.doubleToRawLongBits(expectedValue),
            Double.doubleToRawLongBits(newValue));
    }

    @Override
    public double getAndAdd(final int index, final double delta)
    {
        return Double.longBitsToDouble(slots.getAndUpdate(index,
            x -> Double.doubleToRawLongBits(Double.longBitsToDouble(x) + delta)));
    }

    @Override
    public double addAndGet(final int index, final double delta)
    {
        return getAndAdd(index, delta) + delta;
    }

    @Override
    public double[] toArray()
    {
        final long[] bits = slots.toArray();
        final double[] out = new double[bits.length];
        for (int i = 0; i < bits.length; i++)
        {
            out[i] = Double.longBitsToDouble(bits[i]);
        }
        return out;
    }

    @Override
    public String toString()
    {
        return "SharedDoubleArray['" + name() + "' of " + length() + " on ZooKeeper]";
    }
}

package dev.shmem.stress;

import dev.shmem.SharedDouble;
import dev.shmem.SharedDoubleArray;
import dev.shmem.SharedInt;
import dev.shmem.SharedIntArray;
import dev.shmem.SharedLong;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedRegion;

/**
 * The entry pools the tests lease from, one per shape, all made through the {@link SharedRegion} factories and
 * reset to zero on every lease. Lock, semaphore and takeover tests add their pools here the same way.
 */
public final class Pools
{
    /** Length of every pooled array. */
    public static final int ARRAY_LENGTH = 4;

    /** {@code SharedInt}, reset to 0. */
    public static final EntryPool<SharedInt> INTS =
        new EntryPool<>("int", SharedRegion::intValue, value -> value.set(0));
    /** {@code SharedLong}, reset to 0. */
    public static final EntryPool<SharedLong> LONGS =
        new EntryPool<>("long", SharedRegion::longValue, value -> value.set(0));
    /** {@code SharedDouble}, reset to +0.0. */
    public static final EntryPool<SharedDouble> DOUBLES =
        new EntryPool<>("double", SharedRegion::doubleValue, value -> value.set(0.0));
    /** {@code SharedIntArray} of {@link #ARRAY_LENGTH} elements, reset to 0. */
    public static final EntryPool<SharedIntArray> INT_ARRAYS = new EntryPool<>(
        "int-array", (region, name) -> region.intArray(name, ARRAY_LENGTH), Pools::zero);
    /** {@code SharedLongArray} of {@link #ARRAY_LENGTH} elements, reset to 0. */
    public static final EntryPool<SharedLongArray> LONG_ARRAYS = new EntryPool<>(
        "long-array", (region, name) -> region.longArray(name, ARRAY_LENGTH), Pools::zero);
    /** {@code SharedDoubleArray} of {@link #ARRAY_LENGTH} elements, reset to +0.0. */
    public static final EntryPool<SharedDoubleArray> DOUBLE_ARRAYS = new EntryPool<>(
        "double-array", (region, name) -> region.doubleArray(name, ARRAY_LENGTH), Pools::zero);

    private Pools()
    {
    }

    private static void zero(final SharedIntArray array)
    {
        for (int i = 0; i < array.length(); i++)
        {
            array.set(i, 0);
        }
    }

    private static void zero(final SharedLongArray array)
    {
        for (int i = 0; i < array.length(); i++)
        {
            array.set(i, 0L);
        }
    }

    private static void zero(final SharedDoubleArray array)
    {
        for (int i = 0; i < array.length(); i++)
        {
            array.set(i, 0.0);
        }
    }
}

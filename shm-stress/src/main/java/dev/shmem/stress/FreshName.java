package dev.shmem.stress;

import dev.shmem.SharedRegion;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Names no entry has yet, in a region that stays open until they are released; see {@link FreshNames}.
 */
public final class FreshName
{
    private final FreshRegion owner;
    private final String[] names;
    private final AtomicBoolean released = new AtomicBoolean();

    FreshName(final FreshRegion owner, final String name, final int entries)
    {
        this.owner = owner;
        this.names = new String[entries];
        for (int i = 0; i < entries; i++)
        {
            names[i] = name + "." + i;
        }
    }

    /**
     * @return the region the names are fresh in.
     */
    public SharedRegion region()
    {
        return owner.region();
    }

    /**
     * @return the first (or only) fresh name.
     */
    public String name()
    {
        return name(0);
    }

    /**
     * @param index 0 to the number of entries asked for minus one.
     * @return the fresh name of that index.
     */
    public String name(final int index)
    {
        if (index < 0 || index >= names.length)
        {
            throw new IndexOutOfBoundsException(
                "name index " + index + " out of range for " + names.length + " names");
        }
        return names[index];
    }

    /**
     * Lets the region go once all its names are released. Call it once, at the end of the {@code @Arbiter}.
     *
     * @throws IllegalStateException if already released.
     */
    public void release()
    {
        if (!released.compareAndSet(false, true))
        {
            throw new IllegalStateException("fresh name " + names[0] + " released twice");
        }
        owner.released();
    }
}

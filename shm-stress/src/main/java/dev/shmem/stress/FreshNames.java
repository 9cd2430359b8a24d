package dev.shmem.stress;

/**
 * Names that no entry has yet, for the tests of entry creation: each state takes a {@link FreshName} in its
 * constructor and releases it at the end of its {@code @Arbiter}.
 *
 * <p>Entries are never freed, so every state uses up directory records for good. Names are handed out from a
 * region file until {@value #RECORDS_PER_REGION} of its 64 directory records are promised, then from a new one.
 * A region is closed and its file deleted when it is no longer handing out names and the last state that had
 * one of its names has released it: a region is never closed under a state that still uses it, and the number
 * of region files alive at once follows the number of live states.
 *
 * <p>Thread-safe.
 */
public final class FreshNames
{
    /** Directory records promised per region: 48 of its 64, so probing for a name stays short. */
    public static final int RECORDS_PER_REGION = 48;

    private static FreshRegion current;
    private static int promised;
    private static long sequence;

    private FreshNames()
    {
    }

    /**
     * @return a fresh name for one entry.
     */
    public static FreshName next()
    {
        return next(1);
    }

    /**
     * @param entries how many entries the state will create ({@link FreshName#name(int)} 0 to entries - 1).
     * @return fresh names for that many entries, all in one region.
     */
    public static synchronized FreshName next(final int entries)
    {
        if (entries < 1 || entries > RECORDS_PER_REGION)
        {
            throw new IllegalArgumentException("entries " + entries + " out of range 1.." + RECORDS_PER_REGION);
        }
        if (current == null || promised + entries > RECORDS_PER_REGION)
        {
            if (current != null)
            {
                current.seal();
            }
            current = new FreshRegion(StressRegions.create());
            promised = 0;
        }
        promised += entries;
        current.lease();
        return new FreshName(current, "fresh-" + (++sequence), entries);
    }
}

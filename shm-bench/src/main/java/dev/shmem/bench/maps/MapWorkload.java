package dev.shmem.bench.maps;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The map benchmarks' operation: one {@code put} of a random key of {@value #KEYS} (an 8-byte {@code Long}) to a
 * {@code byte[]} value, then one {@code get} of that key, whose value must be as long as the value put (another
 * process may have put its own value in between, of the same length).
 */
public final class MapWorkload
{
    /** Keys, shared by all threads and processes. */
    public static final int KEYS = 65_536;

    private final Map<Long, byte[]> map;
    private final byte[] value;
    private final SplittableRandom random;

    /**
     * @param map        the map.
     * @param valueBytes length of every value.
     * @param seed       seed of this worker's keys.
     */
    public MapWorkload(final Map<Long, byte[]> map, final int valueBytes, final long seed)
    {
        this.map = map;
        this.value = new byte[valueBytes];
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < valueBytes; i++)
        {
            value[i] = (byte)(seed + i);
        }
    }

    /**
     * Runs some put+get pairs before the measurement (a child does this before it reports ready), so that a
     * map's lazy start-up (Chronicle generates and loads classes on its first operations) falls outside the
     * runner's windows.
     *
     * @param pairs how many.
     * @return this.
     */
    public MapWorkload warmedUp(final int pairs)
    {
        for (int i = 0; i < pairs; i++)
        {
            putGet();
        }
        return this;
    }

    /**
     * One put and one get.
     *
     * @return the value read.
     */
    public byte[] putGet()
    {
        final Long key = (long)random.nextInt(KEYS);
        map.put(key, value);
        final byte[] read = map.get(key);
        if (read == null || read.length != value.length)
        {
            throw new IllegalStateException("key " + key + " read back as " +
                (read == null ? "null" : read.length + " bytes") + " after a put of " + value.length + " bytes");
        }
        return read;
    }
}

package dev.shmem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentMap;

/**
 * Child mains and the workload of the cross-process map tests.
 */
final class MapChildren
{
    static final int MAX_ENTRIES = 8192;
    static final int MAX_ENTRY_BYTES = 96;
    static final int OWN_KEYS = 400;
    static final int SHARED_COUNTERS = 64;
    static final int PRELOADED = 1000;

    private MapChildren()
    {
    }

    static SharedMap<String, Long> mixedMap(final SharedRegion region)
    {
        return region.map("m", String.class, Long.class, MAX_ENTRIES, MAX_ENTRY_BYTES);
    }

    static SharedMap<String, String> putMap(final SharedRegion region)
    {
        return region.map("p", String.class, String.class, MAX_ENTRIES, MAX_ENTRY_BYTES);
    }

    /**
     * The mixed workload of worker {@code id}: every ConcurrentMap verb on its own keys, which interleave with
     * the other workers' keys in the same segments, plus {@code merge} on counters shared by all. Applied to the
     * shared map with a private model, each result on an own key is checked against the model; applied by the
     * parent to one {@link HashMap} for every worker, it gives the expected final content.
     *
     * @param id    worker id.
     * @param ops   how many operations.
     * @param map   the map to apply them to.
     * @param model a model to check own-key results against, or null.
     */
    static void workload(final int id, final int ops, final Map<String, Long> map, final Map<String, Long> model)
    {
        final Random random = new Random(1000 + id);
        for (int i = 0; i < ops; i++)
        {
            final int op = random.nextInt(10);
            if (op < 3)
            {
                map.merge("shared-" + random.nextInt(SHARED_COUNTERS), 1L, Long::sum);
                continue;
            }
            final String key = "own-" + id + "-" + random.nextInt(OWN_KEYS);
            final long value = random.nextInt(1_000_000);
            final Object result;
            final Object expected;
            switch (op)
            {
                case 3:
                    result = map.put(key, value);
                    expected = model == null ? null : model.put(key, value);
                    break;
                case 4:
                    result = map.remove(key);
                    expected = model == null ? null : model.remove(key);
                    break;
                case 5:
                    result = map.putIfAbsent(key, value);
                    expected = model == null ? null : model.putIfAbsent(key, value);
                    break;
                case 6:
                    result = map.compute(key, (k, v) -> step(v, value));
                    expected = model == null ? null : model.compute(key, (k, v) -> step(v, value));
                    break;
                case 7:
                    result = map.replace(key, value);
                    expected = model == null ? null : model.replace(key, value);
                    break;
                case 8:
                    result = map.get(key);
                    expected = model == null ? null : model.get(key);
                    break;
                default:
                    result = map.merge(key, value, (a, b) -> a + b);
                    expected = model == null ? null : model.merge(key, value, (a, b) -> a + b);
                    break;
            }
            if (model != null && !Objects.equals(result, expected))
            {
                throw new AssertionError("worker " + id + " op " + i + " (" + op + ") on " + key + " returned " +
                    result + ", the model " + expected);
            }
        }
    }

    /** What the workload's compute does: start at value, count up, drop multiples of 7. */
    private static Long step(final Long current, final long value)
    {
        if (current == null)
        {
            return value;
        }
        return current % 7 == 0 ? null : Long.valueOf(current + 1);
    }

    /** {@code PATH ID OPS}: the mixed workload of worker ID on map "m", checked against a private model. */
    static final class Mixed
    {
        public static void main(final String[] args) throws IOException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final ConcurrentMap<String, Long> map = mixedMap(region);
                Children.readyThenAwaitGo(region);
                workload(Integer.parseInt(args[1]), Integer.parseInt(args[2]), map, new HashMap<>());
            }
        }
    }

    /**
     * @param key  a key.
     * @param seq  a sequence number.
     * @return the value the putter writes for them: key, sequence and a check of both.
     */
    static String value(final String key, final long seq)
    {
        return key + ":" + seq + ":" + Long.toHexString((key.hashCode() * 0x9E3779B97F4A7C15L) ^ seq);
    }

    /**
     * @param key   a key.
     * @param value its value in the map.
     * @return true if the value is one {@link #value} made for that key.
     */
    static boolean isWritten(final String key, final String value)
    {
        final String[] parts = value.split(":");
        return parts.length == 3 && parts[0].equals(key) && value.equals(value(key, Long.parseLong(parts[1])));
    }

    /**
     * {@code PATH}: overwrites the preloaded keys "k0".. in a tight loop, and every 8th step puts and removes a
     * new key; publishes its progress in "progress". Runs until killed.
     */
    static final class Putter
    {
        public static void main(final String[] args) throws IOException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedMap<String, String> map = putMap(region);
                final SharedLong progress = region.longValue("progress");
                for (long i = 1; ; i++)
                {
                    final String key = "k" + (i % PRELOADED);
                    map.put(key, value(key, i));
                    if ((i & 7) == 0)
                    {
                        final String fresh = "n" + i;
                        map.put(fresh, value(fresh, i));
                        map.remove(fresh);
                    }
                    if ((i & 255) == 0)
                    {
                        progress.set(i);
                    }
                }
            }
        }
    }
}

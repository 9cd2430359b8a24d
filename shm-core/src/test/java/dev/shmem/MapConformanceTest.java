package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every shared map must do as a {@link ConcurrentMap}, in one JVM (JCTools style): one base, one subclass per
 * backend (a {@code SharedSpace} factory) and one for {@link java.util.concurrent.ConcurrentHashMap}, the oracle
 * that shows these expectations are the JDK's. A ZooKeeper subclass only implements {@link #newMap}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class MapConformanceTest
{
    ExecutorService threads;

    /**
     * @param name          a name unique in the test.
     * @param keyType       key type.
     * @param valueType     value type.
     * @param maxEntries    capacity (the oracle ignores it).
     * @param maxEntryBytes largest key plus value (the oracle ignores it).
     * @return an empty map.
     */
    abstract <K, V> ConcurrentMap<K, V> newMap(String name, Class<K> keyType, Class<V> valueType, int maxEntries,
        int maxEntryBytes) throws Exception;

    @BeforeEach
    void startThreads()
    {
        threads = Executors.newFixedThreadPool(4);
    }

    @AfterEach
    void stopThreads()
    {
        threads.shutdownNow();
    }

    private ConcurrentMap<String, Long> strings() throws Exception
    {
        return newMap("m", String.class, Long.class, 1024, 128);
    }

    @Test
    void putGetRemoveOfOneKey() throws Exception
    {
        final ConcurrentMap<String, Long> m = strings();
        assertNull(m.get("a"));
        assertFalse(m.containsKey("a"));
        assertNull(m.put("a", 1L));
        assertEquals(1L, m.get("a"));
        assertTrue(m.containsKey("a"));
        assertEquals(1L, m.put("a", 2L));
        assertEquals(2L, m.get("a"));
        assertEquals(1, m.size());
        assertEquals(2L, m.remove("a"));
        assertNull(m.remove("a"));
        assertNull(m.get("a"));
        assertTrue(m.isEmpty());
    }

    @Test
    void conditionalVerbsFollowConcurrentMap() throws Exception
    {
        final ConcurrentMap<String, Long> m = strings();
        assertNull(m.putIfAbsent("a", 1L));
        assertEquals(1L, m.putIfAbsent("a", 2L));
        assertEquals(1L, m.get("a"));
        assertFalse(m.remove("a", 2L));
        assertFalse(m.remove("b", 1L));
        assertFalse(m.remove("a", null));
        assertNull(m.replace("b", 5L));
        assertFalse(m.containsKey("b"));
        assertEquals(1L, m.replace("a", 3L));
        assertFalse(m.replace("a", 1L, 4L));
        assertTrue(m.replace("a", 3L, 4L));
        assertEquals(4L, m.get("a"));
        assertTrue(m.remove("a", 4L));
        assertTrue(m.isEmpty());
        assertEquals(7L, m.getOrDefault("x", 7L));
    }

    @Test
    void computeFamilyAndMergeFollowConcurrentMap() throws Exception
    {
        final ConcurrentMap<String, Long> m = strings();
        assertEquals(1L, m.compute("a", (k, v) -> v == null ? 1L : v + 1));
        assertEquals(2L, m.compute("a", (k, v) -> v == null ? 1L : v + 1));
        assertNull(m.compute("a", (k, v) -> null));
        assertFalse(m.containsKey("a"));
        assertNull(m.compute("a", (k, v) -> null));
        assertEquals(3L, m.computeIfAbsent("b", k -> 3L));
        assertEquals(3L, m.computeIfAbsent("b", k -> 4L));
        assertNull(m.computeIfAbsent("c", k -> null));
        assertFalse(m.containsKey("c"));
        assertNull(m.computeIfPresent("c", (k, v) -> 9L));
        assertFalse(m.containsKey("c"));
        assertEquals(6L, m.computeIfPresent("b", (k, v) -> v * 2));
        assertNull(m.computeIfPresent("b", (k, v) -> null));
        assertFalse(m.containsKey("b"));
        assertEquals(5L, m.merge("d", 5L, Long::sum));
        assertEquals(12L, m.merge("d", 7L, Long::sum));
        assertNull(m.merge("d", 1L, (a, b) -> null));
        assertTrue(m.isEmpty());
    }

    @Test
    void aThrowingFunctionLeavesTheMapUnchanged() throws Exception
    {
        final ConcurrentMap<String, Long> m = strings();
        m.put("a", 1L);
        final long zero = m.get("a") - 1;
        assertThrows(ArithmeticException.class, () -> m.compute("a", (k, v) -> v / zero));
        assertThrows(ArithmeticException.class, () -> m.merge("a", 0L, (a, b) -> a / b));
        assertEquals(1L, m.get("a"));
        // The segment is usable afterwards.
        assertEquals(2L, m.merge("a", 1L, Long::sum));
    }

    @Test
    void nullKeysAndValuesThrow() throws Exception
    {
        final ConcurrentMap<String, Long> m = strings();
        assertThrows(NullPointerException.class, () -> m.put(null, 1L));
        assertThrows(NullPointerException.class, () -> m.put("a", null));
        assertThrows(NullPointerException.class, () -> m.get(null));
        assertThrows(NullPointerException.class, () -> m.putIfAbsent("a", null));
        assertThrows(NullPointerException.class, () -> m.merge("a", null, Long::sum));
        assertTrue(m.isEmpty());
    }

    @Test
    void manyKeysMatchAHashMapModel() throws Exception
    {
        final ConcurrentMap<Long, String> m = newMap("many", Long.class, String.class, 4096, 64);
        final Map<Long, String> model = new HashMap<>();
        final Random random = new Random(42);
        for (int i = 0; i < 50_000; i++)
        {
            final long key = random.nextInt(3000);
            final String value = "v" + random.nextInt(1_000_000);
            switch (random.nextInt(6))
            {
                case 0:
                    assertEquals(model.put(key, value), m.put(key, value));
                    break;
                case 1:
                    assertEquals(model.remove(key), m.remove(key));
                    break;
                case 2:
                    assertEquals(model.putIfAbsent(key, value), m.putIfAbsent(key, value));
                    break;
                case 3:
                    assertEquals(model.merge(key, value, String::concat), m.merge(key, value, String::concat),
                        "merge " + key);
                    if (model.get(key).length() > 40)
                    {
                        assertEquals(model.remove(key), m.remove(key));
                    }
                    break;
                case 4:
                    assertEquals(model.get(key), m.get(key));
                    break;
                default:
                    assertEquals(model.replace(key, value), m.replace(key, value));
                    break;
            }
        }
        assertEquals(model.size(), m.size());
        assertEquals(model, new HashMap<>(m));
        assertEquals(model.keySet(), m.keySet());
        assertEquals(model.hashCode(), m.hashCode());
        assertTrue(m.equals(model));
    }

    @Test
    void iterationVisitsEveryEntryOnceAndRemovesThroughTheIterator() throws Exception
    {
        final ConcurrentMap<Integer, Integer> m = newMap("it", Integer.class, Integer.class, 1000, 16);
        for (int i = 0; i < 500; i++)
        {
            m.put(i, i * 10);
        }
        final Set<Integer> seen = new HashSet<>();
        for (final Map.Entry<Integer, Integer> e : m.entrySet())
        {
            assertEquals(e.getKey() * 10, e.getValue());
            assertTrue(seen.add(e.getKey()));
        }
        assertEquals(500, seen.size());
        final AtomicInteger visited = new AtomicInteger();
        m.forEach((k, v) -> visited.incrementAndGet());
        assertEquals(500, visited.get());
        final Iterator<Integer> it = m.keySet().iterator();
        while (it.hasNext())
        {
            if (it.next() % 2 == 0)
            {
                it.remove();
            }
        }
        assertEquals(250, m.size());
        m.values().removeIf(v -> v % 3 == 0);
        final long expected = java.util.stream.IntStream.range(0, 500).filter(i -> i % 2 != 0 && i % 3 != 0).count();
        assertEquals(expected, m.size());
        for (final Map.Entry<Integer, Integer> e : m.entrySet())
        {
            e.setValue(-1);
        }
        assertTrue(m.values().stream().allMatch(v -> v == -1));
        assertTrue(m.entrySet().contains(Map.entry(1, -1)));
        assertFalse(m.entrySet().contains(Map.entry(2, -1)));
        m.clear();
        assertTrue(m.isEmpty());
        assertFalse(m.entrySet().iterator().hasNext());
    }

    @Test
    void everyBuiltInTypeRoundTrips() throws Exception
    {
        final ConcurrentMap<Double, byte[]> bytes = newMap("bytes", Double.class, byte[].class, 16, 64);
        bytes.put(1.5, new byte[] {1, 2, 3});
        bytes.put(Double.NaN, new byte[0]);
        assertArrayEquals(new byte[] {1, 2, 3}, bytes.get(1.5));
        assertArrayEquals(new byte[0], bytes.get(Double.NaN));
        final ConcurrentMap<String, String> text = newMap("text", String.class, String.class, 16, 256);
        text.put("\u00e9t\u00e9 \u2603", "caf\u00e9 \uD83D\uDE00");
        assertEquals("caf\u00e9 \uD83D\uDE00", text.get("\u00e9t\u00e9 \u2603"));
        text.put("", "");
        assertEquals("", text.get(""));
        final ConcurrentMap<java.util.UUID, java.util.TreeSet<String>> objects = typed(
            newMap("objects", java.util.UUID.class, java.util.TreeSet.class, 16, 512));
        final java.util.UUID id = new java.util.UUID(1, 2);
        objects.put(id, new java.util.TreeSet<>(List.of("x", "y")));
        assertEquals(Set.of("x", "y"), objects.get(id));
        assertTrue(objects.remove(id, new java.util.TreeSet<>(List.of("y", "x"))));
    }

    @SuppressWarnings("unchecked")
    private static <K, V> ConcurrentMap<K, V> typed(final ConcurrentMap<K, ?> map)
    {
        return (ConcurrentMap<K, V>)map;
    }

    @Test
    void mergeCountersFromFourThreadsAreExact() throws Exception
    {
        final ConcurrentMap<String, Long> m = strings();
        final int perThread = 20_000;
        final List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final int id = t;
            futures.add(threads.submit(() ->
            {
                for (int i = 0; i < perThread; i++)
                {
                    m.merge("c" + (i % 16), 1L, Long::sum);
                    m.put("own" + id + "-" + (i % 50), (long)i);
                    m.computeIfPresent("own" + id + "-" + ((i + 1) % 50), (k, v) -> v + 1);
                }
                return null;
            }));
        }
        for (final Future<?> f : futures)
        {
            f.get(60, TimeUnit.SECONDS);
        }
        long total = 0;
        for (int c = 0; c < 16; c++)
        {
            total += m.get("c" + c);
        }
        assertEquals(4L * perThread, total);
        assertEquals(16 + 4 * 50, m.size());
    }

    @Test
    void putIfAbsentHasExactlyOneWinnerPerKey() throws Exception
    {
        final ConcurrentMap<Integer, Integer> m = newMap("race", Integer.class, Integer.class, 2048, 16);
        final List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++)
        {
            final int id = t;
            futures.add(threads.submit(() ->
            {
                int won = 0;
                for (int k = 0; k < 1000; k++)
                {
                    if (m.putIfAbsent(k, id) == null)
                    {
                        won++;
                    }
                }
                return won;
            }));
        }
        int wins = 0;
        for (final Future<Integer> f : futures)
        {
            wins += f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(1000, wins);
        assertEquals(1000, m.size());
    }
}

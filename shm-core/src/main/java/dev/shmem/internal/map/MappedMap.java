package dev.shmem.internal.map;

import dev.shmem.SharedMap;
import dev.shmem.internal.lock.LockWord;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.Sleeper;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.AbstractMap;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The mapped-file {@link SharedMap}: keys and values encoded by {@link Codec}s into a {@link MapStore}. Reads
 * ({@code get}, {@code containsKey}) take no lock; every change runs under its segment's lock, the function of
 * {@code compute} and {@code merge} included, so each {@code ConcurrentMap} operation is atomic across processes.
 *
 * @param <K> key type.
 * @param <V> value type.
 */
public final class MappedMap<K, V> extends AbstractMap<K, V> implements SharedMap<K, V>
{
    /** What a mutation returns to leave the entry as it is. */
    private static final Object KEEP = new Object();

    private final String name;
    private final Codec<K> keys;
    private final Codec<V> values;
    private final MapStore store;
    private final MapReader reader;
    private final MapGeometry geometry;
    private final Scratch.PerThread scratch = new Scratch.PerThread();
    private Set<Entry<K, V>> entrySet;

    /**
     * @param name       entry name.
     * @param buffer     the map entry (header checked or initialised by the caller).
     * @param geometry   its geometry.
     * @param keys       key codec.
     * @param values     value codec.
     * @param attachment this JVM's attachment, for the segment locks.
     * @param sleeper    how lock waiters sleep.
     */
    public MappedMap(final String name, final AtomicBuffer buffer, final MapGeometry geometry, final Codec<K> keys,
        final Codec<V> values, final Attachment attachment, final Sleeper sleeper)
    {
        this.name = name;
        this.keys = keys;
        this.values = values;
        this.geometry = geometry;
        final LockWord[] locks = new LockWord[geometry.segments];
        for (int s = 0; s < locks.length; s++)
        {
            locks[s] = new LockWord(name + "#segment" + s,
                new UnsafeBuffer(buffer, MapDescriptor.segmentOffset(s), MapDescriptor.SEGMENT_LENGTH), attachment,
                sleeper);
        }
        this.store = new MapStore(name, buffer, geometry, locks);
        this.reader = new MapReader(store);
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int maxEntries()
    {
        return geometry.maxEntries;
    }

    @Override
    public int maxEntryBytes()
    {
        return geometry.maxEntryBytes;
    }

    MapStore store()
    {
        return store;
    }

    MapReader reader()
    {
        return reader;
    }

    Codec<K> keyCodec()
    {
        return keys;
    }

    Codec<V> valueCodec()
    {
        return values;
    }

    // ------------------------------------------------------------------------------------------------- reads

    @Override
    public V get(final Object key)
    {
        final Scratch s = scratch.acquire();
        try
        {
            final int valueLength = lookUp(key, s, s.value);
            return valueLength < 0 ? null : values.decode(s.value, 0, valueLength);
        }
        finally
        {
            s.release();
        }
    }

    @Override
    public boolean containsKey(final Object key)
    {
        final Scratch s = scratch.acquire();
        try
        {
            return lookUp(key, s, null) >= 0;
        }
        finally
        {
            s.release();
        }
    }

    /**
     * @return the length of the key's value copied into {@code out} (if not null), or a negative number if absent.
     */
    private int lookUp(final Object key, final Scratch s, final MutableDirectBuffer out)
    {
        final int keyLength = keys.encode(keys.cast(Objects.requireNonNull(key, "key")), s.key, 0);
        if (keyLength > geometry.maxEntryBytes)
        {
            return MapStore.ABSENT;
        }
        return reader.get(KeyHash.hash(s.key, 0, keyLength), s.key, keyLength, out);
    }

    @Override
    public int size()
    {
        return reader.size();
    }

    @Override
    public Set<Entry<K, V>> entrySet()
    {
        final Set<Entry<K, V>> set = entrySet;
        return set != null ? set : (entrySet = new MapEntrySet<>(this));
    }

    // ------------------------------------------------------------------------------------------------- writes

    @Override
    public V put(final K key, final V value)
    {
        Objects.requireNonNull(value, "value");
        return mutate(key, current -> value, false);
    }

    @Override
    public V putIfAbsent(final K key, final V value)
    {
        Objects.requireNonNull(value, "value");
        return mutate(key, current -> current == null ? value : KEEP, false);
    }

    @Override
    public V remove(final Object key)
    {
        return mutate(keys.cast(Objects.requireNonNull(key, "key")), current -> null, false);
    }

    @Override
    public boolean remove(final Object key, final Object value)
    {
        Objects.requireNonNull(key, "key");
        if (value == null)
        {
            return false;
        }
        final V previous = mutate(keys.cast(key),
            current -> current != null && values.valueEquals(current, value) ? null : KEEP, false);
        return previous != null && values.valueEquals(previous, value);
    }

    @Override
    public V replace(final K key, final V value)
    {
        Objects.requireNonNull(value, "value");
        return mutate(key, current -> current != null ? value : KEEP, false);
    }

    @Override
    public boolean replace(final K key, final V oldValue, final V newValue)
    {
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        final V previous = mutate(key,
            current -> current != null && values.valueEquals(current, oldValue) ? newValue : KEEP, false);
        return previous != null && values.valueEquals(previous, oldValue);
    }

    @Override
    public V compute(final K key, final BiFunction<? super K, ? super V, ? extends V> function)
    {
        Objects.requireNonNull(function, "function");
        return mutate(key, current -> function.apply(key, current), true);
    }

    @Override
    public V computeIfAbsent(final K key, final Function<? super K, ? extends V> function)
    {
        Objects.requireNonNull(function, "function");
        return mutate(key, current -> current != null ? KEEP : function.apply(key), true);
    }

    @Override
    public V computeIfPresent(final K key, final BiFunction<? super K, ? super V, ? extends V> function)
    {
        Objects.requireNonNull(function, "function");
        return mutate(key, current -> current == null ? KEEP : function.apply(key, current), true);
    }

    @Override
    public V merge(final K key, final V value, final BiFunction<? super V, ? super V, ? extends V> function)
    {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(function, "function");
        return mutate(key, current -> current == null ? value : function.apply(current, value), true);
    }

    /**
     * Removes every entry: all segment locks are taken (in order) first, so no reader or writer sees a half-cleared
     * map.
     */
    @Override
    public void clear()
    {
        store.lockAll();
        try
        {
            for (int s = 0; s < geometry.segments; s++)
            {
                store.beginWrite(s);
            }
            for (int s = 0; s < geometry.segments; s++)
            {
                store.clear(s);
            }
        }
        finally
        {
            for (int s = 0; s < geometry.segments; s++)
            {
                store.endWrite(s);
            }
            store.unlockAll();
        }
    }

    /**
     * The one locked read-modify-write behind every change.
     *
     * @param key       the key.
     * @param mutation  given the current value (null if absent), returns the new value, null to remove, or
     *                  {@link #KEEP}.
     * @param returnNew return the new value (compute, merge) rather than the previous one.
     * @return the previous or new value as {@code returnNew} says; the current value for {@link #KEEP}.
     */
    private V mutate(final K key, final Mutation<V> mutation, final boolean returnNew)
    {
        Objects.requireNonNull(key, "key");
        final Scratch s = scratch.acquire();
        try
        {
            final int keyLength = keys.encode(keys.cast(key), s.key, 0);
            if (keyLength > geometry.maxEntryBytes)
            {
                // Such a key cannot be in the map: only an insert has something to do, and it cannot fit.
                final Object result = mutation.apply(null);
                if (result == KEEP || result == null)
                {
                    return null;
                }
                throw tooLarge(keyLength, values.encode(values.cast(result), s.value, 0));
            }
            final long hash = KeyHash.hash(s.key, 0, keyLength);
            final int segment = store.segmentOf(hash);
            store.lock(segment);
            try
            {
                final long located = store.locate(segment, hash, s.key, keyLength);
                final int slot = MapStore.slotOf(located);
                if (slot == MapStore.INCONSISTENT)
                {
                    throw store.corrupt("segment " + segment + " has a chain that leaves the slots or loops");
                }
                final V current = slot >= 0 ? decodeStored(segment, slot) : null;
                final Object result = mutation.apply(current);
                if (result == KEEP)
                {
                    return current;
                }
                if (result == null)
                {
                    if (slot >= 0)
                    {
                        store.remove(segment, located);
                    }
                    return returnNew ? null : current;
                }
                final V next = values.cast(result);
                final int valueLength = values.encode(next, s.value, 0);
                if (valueLength > geometry.maxEntryBytes - keyLength)
                {
                    throw tooLarge(keyLength, valueLength);
                }
                store.put(segment, located, hash, s.key, keyLength, s.value, valueLength);
                return returnNew ? next : current;
            }
            finally
            {
                store.unlock(segment);
            }
        }
        finally
        {
            s.release();
        }
    }

    private V decodeStored(final int segment, final int slot)
    {
        final int keyLength = store.slotKeyLength(segment, slot);
        return values.decode(store.buffer(), store.slotDataOffset(slot) + keyLength, store.slotValueLength(slot));
    }

    K decodeKey(final byte[] bytes)
    {
        return keys.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    V decodeValue(final byte[] bytes)
    {
        return values.decode(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private IllegalArgumentException tooLarge(final int keyLength, final int valueLength)
    {
        return new IllegalArgumentException("map '" + name + "': entry of " + ((long)keyLength + valueLength) +
            " bytes (key " + keyLength + " + value " + valueLength + ") exceeds max entry bytes " +
            geometry.maxEntryBytes);
    }

    /**
     * A change decided under the segment lock.
     */
    @FunctionalInterface
    private interface Mutation<V>
    {
        Object apply(V current);
    }

    /**
     * @return how many times a segment lock was taken over from a dead writer, over the region's life.
     */
    public long takeovers()
    {
        return store.takeovers();
    }

    /**
     * For tests and inspectors: checks every segment under its lock (chains, counts, slot ownership, spares).
     *
     * @return a description of every inconsistency found, empty if none.
     */
    public String checkConsistency()
    {
        return new MapCheck(store).run();
    }
}

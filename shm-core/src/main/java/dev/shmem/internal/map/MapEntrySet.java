package dev.shmem.internal.map;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The entry-set view of a {@link MappedMap}: weakly consistent like {@code ConcurrentHashMap}'s. The iterator
 * copies one segment at a time at one moment (so no entry is ever torn), decodes it, and moves on; entries
 * changed after their segment was copied may or may not show.
 *
 * @param <K> key type.
 * @param <V> value type.
 */
final class MapEntrySet<K, V> extends AbstractSet<Map.Entry<K, V>>
{
    private final MappedMap<K, V> map;

    MapEntrySet(final MappedMap<K, V> map)
    {
        this.map = map;
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator()
    {
        return new SegmentIterator();
    }

    @Override
    public int size()
    {
        return map.size();
    }

    @Override
    public boolean isEmpty()
    {
        return map.isEmpty();
    }

    @Override
    public void clear()
    {
        map.clear();
    }

    @Override
    public boolean contains(final Object o)
    {
        if (!(o instanceof Map.Entry))
        {
            return false;
        }
        final Map.Entry<?, ?> entry = (Map.Entry<?, ?>)o;
        if (entry.getKey() == null || entry.getValue() == null)
        {
            return false;
        }
        final V value = map.get(entry.getKey());
        return value != null && map.valueCodec().valueEquals(value, entry.getValue());
    }

    @Override
    public boolean remove(final Object o)
    {
        if (!(o instanceof Map.Entry))
        {
            return false;
        }
        final Map.Entry<?, ?> entry = (Map.Entry<?, ?>)o;
        return entry.getKey() != null && map.remove(entry.getKey(), entry.getValue());
    }

    private final class SegmentIterator implements Iterator<Map.Entry<K, V>>, MapReader.EntrySink
    {
        private final List<byte[]> raw = new ArrayList<>();
        private final List<Map.Entry<K, V>> batch = new ArrayList<>();
        private int nextSegment;
        private int index;
        private Map.Entry<K, V> last;

        @Override
        public boolean hasNext()
        {
            while (index >= batch.size())
            {
                if (nextSegment >= map.store().geometry().segments)
                {
                    return false;
                }
                map.reader().snapshot(nextSegment++, this);
                batch.clear();
                index = 0;
                for (int i = 0; i < raw.size(); i += 2)
                {
                    batch.add(new WriteThroughEntry(map.decodeKey(raw.get(i)), map.decodeValue(raw.get(i + 1))));
                }
                raw.clear();
            }
            return true;
        }

        @Override
        public Map.Entry<K, V> next()
        {
            if (!hasNext())
            {
                throw new NoSuchElementException();
            }
            last = batch.get(index++);
            return last;
        }

        @Override
        public void remove()
        {
            if (last == null)
            {
                throw new IllegalStateException("next() has not been called, or remove() was already called");
            }
            map.remove(last.getKey());
            last = null;
        }

        @Override
        public void reset()
        {
            raw.clear();
        }

        @Override
        public void accept(final byte[] key, final byte[] value)
        {
            raw.add(key);
            raw.add(value);
        }
    }

    /**
     * An entry whose {@code setValue} writes through to the map, as {@code ConcurrentHashMap}'s does.
     */
    private final class WriteThroughEntry extends AbstractMap.SimpleEntry<K, V>
    {
        private static final long serialVersionUID = 1L;

        WriteThroughEntry(final K key, final V value)
        {
            super(key, value);
        }

        @Override
        public V setValue(final V value)
        {
            final V previous = super.setValue(Objects.requireNonNull(value, "value"));
            map.put(getKey(), value);
            return previous;
        }
    }
}

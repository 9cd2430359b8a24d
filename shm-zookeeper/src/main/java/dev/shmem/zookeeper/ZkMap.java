package dev.shmem.zookeeper;

import dev.shmem.SharedMap;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@link SharedMap} on ZooKeeper: one persistent znode per entry, named by its encoded key, holding the encoded
 * value; and a {@link Cell} counting the entries.
 *
 * <pre>
 * &lt;entry&gt;/count          a Cell: the number of entries (the capacity check)
 * &lt;entry&gt;/k/k&lt;key&gt;        the value of the key whose encoding, in URL-safe Base64, is &lt;key&gt;
 * </pre>
 * Adding a key creates its node and increments the count in one transaction; removing deletes it (at the version
 * read) and decrements the count in one transaction; changing a value is a versioned {@code setData}. Every
 * conditional operation re-reads and retries on a conflict, so {@code putIfAbsent}, {@code remove(k, v)},
 * {@code replace} and the {@code compute}/{@code merge} family built on them by {@code ConcurrentMap} are atomic
 * across processes. Iteration lists the keys once and reads each value when reached (weakly consistent).
 *
 * <p>Limits: each operation is one or more round trips (a quorum write for changes); an entry is at most
 * {@value #MAX_ENTRY_BYTES} bytes; a plain {@code put} retried by Curator after a connection loss may report the
 * value it wrote itself as the previous one.
 */
final class ZkMap<K, V> extends AbstractMap<K, V> implements SharedMap<K, V>
{
    static final int MAX_ENTRIES = 1 << 24;
    static final int MAX_ENTRY_BYTES = 512 * 1024;

    private final ZooKeeperSpace space;
    private final String name;
    private final String keysPath;
    private final Cell count;
    private final ZkCodec<K> keys;
    private final ZkCodec<V> values;
    private final int maxEntries;
    private final int maxEntryBytes;

    ZkMap(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry, final ZkCodec<K> keys,
        final ZkCodec<V> values, final int maxEntries, final int maxEntryBytes)
    {
        this.space = space;
        this.name = entry.name;
        this.keysPath = entry.path + "/k";
        this.count = new Cell(space.zk(), entry.path + "/count", new byte[Long.BYTES]);
        this.keys = keys;
        this.values = values;
        this.maxEntries = maxEntries;
        this.maxEntryBytes = maxEntryBytes;
        space.zk().createIfAbsent(keysPath, new byte[0]);
    }

    static void checkSizes(final String name, final int maxEntries, final int maxEntryBytes)
    {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES)
        {
            throw new IllegalArgumentException("map " + name + " max entries " + maxEntries +
                " out of range: expected 1 to " + MAX_ENTRIES);
        }
        if (maxEntryBytes < 1 || maxEntryBytes > MAX_ENTRY_BYTES)
        {
            throw new IllegalArgumentException("map " + name + " max entry bytes " + maxEntryBytes +
                " out of range: expected 1 to " + MAX_ENTRY_BYTES + " on ZooKeeper");
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int maxEntries()
    {
        return maxEntries;
    }

    @Override
    public int maxEntryBytes()
    {
        return maxEntryBytes;
    }

    @Override
    public V get(final Object key)
    {
        final String node = nodeOf(key);
        if (node == null)
        {
            return null;
        }
        final byte[] raw = space.zk().dataOrNull(node, new Stat());
        return raw == null ? null : values.decode(raw);
    }

    @Override
    public boolean containsKey(final Object key)
    {
        final String node = nodeOf(key);
        return node != null && space.zk().exists(node);
    }

    @Override
    public V put(final K key, final V value)
    {
        final String node = nodeOf(Objects.requireNonNull(key, "key"));
        final byte[] bytes = encodeValue(key, value);
        while (true)
        {
            final Stat stat = new Stat();
            final byte[] raw = space.zk().dataOrNull(node, stat);
            if (raw == null)
            {
                if (insertIfAbsent(node, bytes))
                {
                    return null;
                }
            }
            else if (setAt(node, stat.getVersion(), bytes))
            {
                return values.decode(raw);
            }
        }
    }

    @Override
    public V putIfAbsent(final K key, final V value)
    {
        final String node = nodeOf(Objects.requireNonNull(key, "key"));
        final byte[] bytes = encodeValue(key, value);
        while (true)
        {
            final byte[] raw = space.zk().dataOrNull(node, new Stat());
            if (raw != null)
            {
                return values.decode(raw);
            }
            if (insertIfAbsent(node, bytes))
            {
                return null;
            }
        }
    }

    @Override
    public V remove(final Object key)
    {
        final String node = nodeOf(key);
        if (node == null)
        {
            return null;
        }
        final byte[] removed = removeIf(node, raw -> true);
        return removed == null ? null : values.decode(removed);
    }

    @Override
    public boolean remove(final Object key, final Object value)
    {
        final String node = nodeOf(key);
        if (node == null || value == null || !values.type.isInstance(value))
        {
            return false;
        }
        final byte[] expected = values.encode(values.type.cast(value));
        return removeIf(node, raw -> Arrays.equals(raw, expected)) != null;
    }

    @Override
    public V replace(final K key, final V value)
    {
        final String node = nodeOf(Objects.requireNonNull(key, "key"));
        final byte[] bytes = encodeValue(key, value);
        while (true)
        {
            final Stat stat = new Stat();
            final byte[] raw = space.zk().dataOrNull(node, stat);
            if (raw == null)
            {
                return null;
            }
            if (setAt(node, stat.getVersion(), bytes))
            {
                return values.decode(raw);
            }
        }
    }

    @Override
    public boolean replace(final K key, final V oldValue, final V newValue)
    {
        final String node = nodeOf(Objects.requireNonNull(key, "key"));
        final byte[] expected = values.encode(Objects.requireNonNull(oldValue, "oldValue"));
        final byte[] bytes = encodeValue(key, newValue);
        while (true)
        {
            final Stat stat = new Stat();
            final byte[] raw = space.zk().dataOrNull(node, stat);
            if (raw == null || !Arrays.equals(raw, expected))
            {
                return false;
            }
            if (setAt(node, stat.getVersion(), bytes))
            {
                return true;
            }
        }
    }

    @Override
    public int size()
    {
        space.checkOpen();
        return (int)ZkLock.toLong(count.read(true));
    }

    @Override
    public boolean isEmpty()
    {
        return size() == 0;
    }

    @Override
    public void clear()
    {
        for (final String child : children())
        {
            removeIf(keysPath + "/" + child, raw -> true);
        }
    }

    @Override
    public Set<Entry<K, V>> entrySet()
    {
        return new AbstractSet<>()
        {
            @Override
            public Iterator<Entry<K, V>> iterator()
            {
                return new EntryIterator(children());
            }

            @Override
            public int size()
            {
                return ZkMap.this.size();
            }
        };
    }

    /** Walks a snapshot of the keys, reading each value when reached and skipping keys removed since. */
    private final class EntryIterator implements Iterator<Entry<K, V>>
    {
        private final Iterator<String> nodes;
        private Entry<K, V> next;
        private K last;

        EntryIterator(final List<String> nodes)
        {
            this.nodes = nodes.iterator();
        }

        @Override
        public boolean hasNext()
        {
            while (next == null && nodes.hasNext())
            {
                final String child = nodes.next();
                final byte[] raw = space.zk().dataOrNull(keysPath + "/" + child, new Stat());
                if (raw != null)
                {
                    final K key = keys.decode(Base64.getUrlDecoder().decode(child.substring(1)));
                    next = new SimpleEntry<>(key, values.decode(raw))
                    {
                        private static final long serialVersionUID = 1L;

                        @Override
                        public V setValue(final V value)
                        {
                            super.setValue(value);
                            return put(key, value);
                        }
                    };
                }
            }
            return next != null;
        }

        @Override
        public Entry<K, V> next()
        {
            if (!hasNext())
            {
                throw new NoSuchElementException();
            }
            final Entry<K, V> e = next;
            next = null;
            last = e.getKey();
            return e;
        }

        @Override
        public void remove()
        {
            if (last == null)
            {
                throw new IllegalStateException("next() not called");
            }
            ZkMap.this.remove(last);
            last = null;
        }
    }

    private List<String> children()
    {
        space.checkOpen();
        return space.zk().call("list " + keysPath, () -> space.zk().client().getChildren().forPath(keysPath));
    }

    private String nodeOf(final Object key)
    {
        Objects.requireNonNull(key, "key");
        space.checkOpen();
        if (!keys.type.isInstance(key))
        {
            return null;
        }
        return keysPath + "/k" + Base64.getUrlEncoder().withoutPadding()
            .encodeToString(keys.encode(keys.type.cast(key)));
    }

    private byte[] encodeValue(final K key, final V value)
    {
        Objects.requireNonNull(value, "value");
        final int keyBytes = keys.encode(key).length;
        final byte[] bytes = values.encode(value);
        if (keyBytes + bytes.length > maxEntryBytes)
        {
            throw new IllegalArgumentException("entry of " + (keyBytes + bytes.length) + " bytes (key " + keyBytes +
                " + value " + bytes.length + ") is longer than map " + EntryNames.quote(name) + "'s maximum of " +
                maxEntryBytes + " bytes");
        }
        return bytes;
    }

    private boolean insertIfAbsent(final String node, final byte[] value)
    {
        final Zk zk = space.zk();
        final boolean[] inserted = new boolean[1];
        count.update(p ->
        {
            if (zk.exists(node))
            {
                inserted[0] = false;
                return Cell.Change.NONE;
            }
            final long entries = ZkLock.toLong(p);
            if (entries >= maxEntries)
            {
                throw new IllegalStateException("map " + EntryNames.quote(name) + " is full: it holds its capacity of " +
                    maxEntries + " entries");
            }
            inserted[0] = true;
            return new Cell.Change(ZkLock.longBytes(entries + 1),
                List.of(Zk.unchecked(() -> zk.client().transactionOp().create().forPath(node, value))));
        });
        return inserted[0];
    }

    private byte[] removeIf(final String node, final Predicate<byte[]> matches)
    {
        final Zk zk = space.zk();
        final byte[][] removed = new byte[1][];
        count.update(p ->
        {
            final Stat stat = new Stat();
            final byte[] raw = zk.dataOrNull(node, stat);
            if (raw == null || !matches.test(raw))
            {
                removed[0] = null;
                return Cell.Change.NONE;
            }
            removed[0] = raw;
            return new Cell.Change(ZkLock.longBytes(ZkLock.toLong(p) - 1), List.of(Zk.unchecked(() ->
                zk.client().transactionOp().delete().withVersion(stat.getVersion()).forPath(node))));
        });
        return removed[0];
    }

    private boolean setAt(final String node, final int version, final byte[] value)
    {
        return space.zk().call("write " + node, () ->
        {
            try
            {
                space.zk().client().setData().withVersion(version).forPath(node, value);
                return true;
            }
            catch (final KeeperException.BadVersionException | KeeperException.NoNodeException conflict)
            {
                return false;
            }
        });
    }

    @Override
    public String toString()
    {
        return "SharedMap['" + name + "' on ZooKeeper]";
    }
}

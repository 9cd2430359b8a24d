package dev.shmem;

import java.util.concurrent.ConcurrentMap;

/**
 * A {@link ConcurrentMap} shared by processes, like Python's {@code multiprocessing.Manager().dict()}, without a
 * server process: obtained with {@link SharedSpace#map(String, Class, Class, int, int)}. Every operation of
 * {@code ConcurrentMap}, including {@code compute}, {@code merge} and the conditional {@code remove} and
 * {@code replace}, is atomic across processes; iteration and {@code forEach} are weakly consistent, as
 * {@link java.util.concurrent.ConcurrentHashMap}'s, and never show a torn entry. Keys and values are copied in
 * and out (encoded): a value object changed after {@code put} does not change the map.
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.ConcurrentHashMap}, across processes: actions in a thread prior to placing an
 * entry into the map happen-before actions subsequent to the access or removal of that entry in another thread
 * of any process.
 *
 * <h2>Failure modes</h2>
 * {@code null} keys and values throw {@link NullPointerException}. An entry whose encoded key and value exceed
 * {@link #maxEntryBytes()} throws {@link IllegalArgumentException} naming both sizes; a put of a new key into a
 * full map throws {@link IllegalStateException} naming its capacity; the map is unchanged in both cases.
 */
public interface SharedMap<K, V> extends ConcurrentMap<K, V>
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * @return the most entries the map holds.
     */
    int maxEntries();

    /**
     * @return the most bytes of one encoded key plus value.
     */
    int maxEntryBytes();
}

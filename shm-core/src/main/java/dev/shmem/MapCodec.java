package dev.shmem;

/**
 * How a {@link SharedMap} turns keys or values of a type of your own into bytes and back, for
 * {@link SharedRegion#map(String, MapCodec, MapCodec, int, int)}. Keys are equal in a shared map when their
 * encoded bytes are equal, so a key codec must encode equal keys to equal bytes (a canonical form). Values are
 * compared with {@link Object#equals} by {@code remove(key, value)} and {@code replace(key, old, new)}.
 *
 * <p>Implementations must be thread-safe (stateless is simplest): one codec serves every thread of a map.
 *
 * @param <T> the type encoded.
 */
public interface MapCodec<T>
{
    /**
     * @return the name recorded in the map entry (at most 112 UTF-8 bytes are compared; a longer name is kept as
     * its head and a hash of the rest): every process must open the map with codecs of the same names.
     */
    String typeName();

    /**
     * @param value a non-null value.
     * @return its encoded bytes (not kept by the map after the call).
     */
    byte[] encode(T value);

    /**
     * @param bytes the bytes {@link #encode} produced in some process (a fresh array the codec may keep).
     * @return the decoded value, never null.
     */
    T decode(byte[] bytes);
}

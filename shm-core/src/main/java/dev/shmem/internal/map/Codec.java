package dev.shmem.internal.map;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Objects;

/**
 * Encodes keys or values of a {@code SharedMap} straight into a buffer and decodes them from one, so that the
 * built-in types need no intermediate array.
 *
 * @param <T> the type encoded.
 */
public interface Codec<T>
{
    /**
     * @return the name recorded in the map entry, e.g. {@code java.lang.Long}.
     */
    String typeName();

    /**
     * @param object anything a caller passed.
     * @return the object as this codec's type.
     * @throws ClassCastException if it is not of this codec's type.
     */
    T cast(Object object);

    /**
     * @param value  the non-null value.
     * @param buffer where to write (an expandable buffer grows as needed).
     * @param offset where in {@code buffer}.
     * @return bytes written.
     */
    int encode(T value, MutableDirectBuffer buffer, int offset);

    /**
     * @param buffer where the encoded bytes are.
     * @param offset their offset.
     * @param length their length.
     * @return the decoded value.
     * @throws IllegalArgumentException if the bytes cannot be this codec's encoding (e.g. a wrong length).
     */
    T decode(DirectBuffer buffer, int offset, int length);

    /**
     * @param stored a decoded value.
     * @param given  a value given by a caller.
     * @return whether they are the same value for {@code remove(key, value)} and {@code replace(key, old, new)}.
     */
    default boolean valueEquals(final T stored, final Object given)
    {
        return Objects.equals(stored, given);
    }
}

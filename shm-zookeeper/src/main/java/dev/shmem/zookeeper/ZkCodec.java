package dev.shmem.zookeeper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys and values of a {@link ZkMap} as bytes: {@code String} as UTF-8, {@code Long}, {@code Integer} and
 * {@code Double} (raw bits) big-endian, {@code byte[]} as is, any other {@link Serializable} by Java
 * serialization. Equality in the map is equality of these bytes.
 */
abstract class ZkCodec<T>
{
    final Class<T> type;

    private ZkCodec(final Class<T> type)
    {
        this.type = type;
    }

    abstract byte[] encode(T value);

    abstract T decode(byte[] bytes);

    /**
     * @param type a key or value class.
     * @return its codec.
     * @throws IllegalArgumentException if the type is neither built in nor {@code Serializable}.
     */
    @SuppressWarnings("unchecked")
    static <T> ZkCodec<T> of(final Class<T> type)
    {
        if (type == null)
        {
            throw new IllegalArgumentException("map key or value type is null: expected a class");
        }
        if (type == String.class)
        {
            return (ZkCodec<T>)new ZkCodec<String>(String.class)
            {
                byte[] encode(final String v) { return v.getBytes(StandardCharsets.UTF_8); }
                String decode(final byte[] b) { return new String(b, StandardCharsets.UTF_8); }
            };
        }
        if (type == Long.class)
        {
            return (ZkCodec<T>)new ZkCodec<Long>(Long.class)
            {
                byte[] encode(final Long v) { return ByteBuffer.allocate(8).putLong(v).array(); }
                Long decode(final byte[] b) { return ByteBuffer.wrap(b).getLong(); }
            };
        }
        if (type == Integer.class)
        {
            return (ZkCodec<T>)new ZkCodec<Integer>(Integer.class)
            {
                byte[] encode(final Integer v) { return ByteBuffer.allocate(4).putInt(v).array(); }
                Integer decode(final byte[] b) { return ByteBuffer.wrap(b).getInt(); }
            };
        }
        if (type == Double.class)
        {
            return (ZkCodec<T>)new ZkCodec<Double>(Double.class)
            {
                byte[] encode(final Double v) { return ByteBuffer.allocate(8).putDouble(v).array(); }
                Double decode(final byte[] b) { return ByteBuffer.wrap(b).getDouble(); }
            };
        }
        if (type == byte[].class)
        {
            return (ZkCodec<T>)new ZkCodec<byte[]>(byte[].class)
            {
                byte[] encode(final byte[] v) { return v.clone(); }
                byte[] decode(final byte[] b) { return b; }
            };
        }
        if (Serializable.class.isAssignableFrom(type))
        {
            return new Serialized<>(type);
        }
        throw new IllegalArgumentException("map type " + type.getName() + " is neither String, Long, Integer, " +
            "Double, byte[] nor Serializable");
    }

    /** Java serialization, as Python pickles. */
    private static final class Serialized<T> extends ZkCodec<T>
    {
        Serialized(final Class<T> type)
        {
            super(type);
        }

        @Override
        byte[] encode(final T value)
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ObjectOutputStream objects = new ObjectOutputStream(out))
            {
                objects.writeObject(value);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot serialize a " + value.getClass().getName(), ex);
            }
            return out.toByteArray();
        }

        @Override
        T decode(final byte[] bytes)
        {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
            {
                return type.cast(in.readObject());
            }
            catch (final IOException | ClassNotFoundException ex)
            {
                throw new IllegalStateException("cannot deserialize a " + type.getName() + ": " + ex, ex);
            }
        }
    }
}

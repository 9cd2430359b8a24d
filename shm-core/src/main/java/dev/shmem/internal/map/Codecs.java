package dev.shmem.internal.map;

import dev.shmem.MapCodec;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The built-in codecs ({@code String}, {@code Long}, {@code Integer}, {@code Double}, {@code byte[]}), Java
 * serialization for any other {@link Serializable} type, and the adapter for a caller's {@link MapCodec}.
 * Fixed-size types use the native byte order, as every value in a region does.
 */
public final class Codecs
{
    private Codecs()
    {
    }

    /**
     * @param type a key or value type.
     * @param <T>  the type.
     * @return its codec.
     * @throws IllegalArgumentException if the type is neither built in nor {@link Serializable}.
     */
    @SuppressWarnings("unchecked")
    public static <T> Codec<T> forClass(final Class<T> type)
    {
        final Class<?> boxed = box(type);
        if (boxed == String.class)
        {
            return (Codec<T>)StringCodec.INSTANCE;
        }
        if (boxed == Long.class)
        {
            return (Codec<T>)LongCodec.INSTANCE;
        }
        if (boxed == Integer.class)
        {
            return (Codec<T>)IntegerCodec.INSTANCE;
        }
        if (boxed == Double.class)
        {
            return (Codec<T>)DoubleCodec.INSTANCE;
        }
        if (boxed == byte[].class)
        {
            return (Codec<T>)BytesCodec.INSTANCE;
        }
        if (Serializable.class.isAssignableFrom(boxed))
        {
            return new SerializableCodec<>((Class<T>)boxed);
        }
        throw new IllegalArgumentException("map type " + type.getName() + " is neither String, Long, Integer, " +
            "Double, byte[] nor Serializable: pass a MapCodec for it");
    }

    /**
     * @param codec a caller's codec.
     * @param <T>   the type.
     * @return it as a {@link Codec}.
     */
    public static <T> Codec<T> forUser(final MapCodec<T> codec)
    {
        return new UserCodec<>(codec);
    }

    private static Class<?> box(final Class<?> type)
    {
        if (type == long.class)
        {
            return Long.class;
        }
        if (type == int.class)
        {
            return Integer.class;
        }
        if (type == double.class)
        {
            return Double.class;
        }
        return type;
    }

    private static void checkLength(final String type, final int length, final int expected)
    {
        if (length != expected)
        {
            throw new IllegalArgumentException("encoded " + type + " of " + length + " bytes, expected " + expected);
        }
    }

    private static final class LongCodec implements Codec<Long>
    {
        static final LongCodec INSTANCE = new LongCodec();

        @Override
        public String typeName()
        {
            return Long.class.getName();
        }

        @Override
        public Long cast(final Object object)
        {
            return (Long)object;
        }

        @Override
        public int encode(final Long value, final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putLong(offset, value);
            return Long.BYTES;
        }

        @Override
        public Long decode(final DirectBuffer buffer, final int offset, final int length)
        {
            checkLength("Long", length, Long.BYTES);
            return buffer.getLong(offset);
        }
    }

    private static final class IntegerCodec implements Codec<Integer>
    {
        static final IntegerCodec INSTANCE = new IntegerCodec();

        @Override
        public String typeName()
        {
            return Integer.class.getName();
        }

        @Override
        public Integer cast(final Object object)
        {
            return (Integer)object;
        }

        @Override
        public int encode(final Integer value, final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putInt(offset, value);
            return Integer.BYTES;
        }

        @Override
        public Integer decode(final DirectBuffer buffer, final int offset, final int length)
        {
            checkLength("Integer", length, Integer.BYTES);
            return buffer.getInt(offset);
        }
    }

    private static final class DoubleCodec implements Codec<Double>
    {
        static final DoubleCodec INSTANCE = new DoubleCodec();

        @Override
        public String typeName()
        {
            return Double.class.getName();
        }

        @Override
        public Double cast(final Object object)
        {
            return (Double)object;
        }

        @Override
        public int encode(final Double value, final MutableDirectBuffer buffer, final int offset)
        {
            // doubleToLongBits, not raw bits: every NaN is one key, as Double.equals says.
            buffer.putLong(offset, Double.doubleToLongBits(value));
            return Double.BYTES;
        }

        @Override
        public Double decode(final DirectBuffer buffer, final int offset, final int length)
        {
            checkLength("Double", length, Double.BYTES);
            return Double.longBitsToDouble(buffer.getLong(offset));
        }
    }

    private static final class StringCodec implements Codec<String>
    {
        static final StringCodec INSTANCE = new StringCodec();

        @Override
        public String typeName()
        {
            return String.class.getName();
        }

        @Override
        public String cast(final Object object)
        {
            return (String)object;
        }

        @Override
        public int encode(final String value, final MutableDirectBuffer buffer, final int offset)
        {
            final int length = value.length();
            for (int i = 0; i < length; i++)
            {
                final char c = value.charAt(i);
                if (c >= 0x80)
                {
                    // Not ASCII: UTF-8 through the JDK (one array).
                    final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    buffer.putBytes(offset, utf8);
                    return utf8.length;
                }
                buffer.putByte(offset + i, (byte)c);
            }
            return length;
        }

        @Override
        public String decode(final DirectBuffer buffer, final int offset, final int length)
        {
            return buffer.getStringWithoutLengthUtf8(offset, length);
        }
    }

    private static final class BytesCodec implements Codec<byte[]>
    {
        static final BytesCodec INSTANCE = new BytesCodec();

        @Override
        public String typeName()
        {
            return byte[].class.getName();
        }

        @Override
        public byte[] cast(final Object object)
        {
            return (byte[])object;
        }

        @Override
        public int encode(final byte[] value, final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putBytes(offset, value);
            return value.length;
        }

        @Override
        public byte[] decode(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            return bytes;
        }

        @Override
        public boolean valueEquals(final byte[] stored, final Object given)
        {
            return given instanceof byte[] && Arrays.equals(stored, (byte[])given);
        }
    }

    /**
     * Java serialization, as Python pickles: the bytes are trusted to come from a writer of the map, but the
     * stream is filtered (depth, array sizes, total bytes) so garbage cannot exhaust memory.
     */
    private static final class SerializableCodec<T> implements Codec<T>
    {
        private final Class<T> type;

        SerializableCodec(final Class<T> type)
        {
            this.type = type;
        }

        @Override
        public String typeName()
        {
            return type.getName();
        }

        @Override
        public T cast(final Object object)
        {
            return type.cast(object);
        }

        @Override
        public int encode(final T value, final MutableDirectBuffer buffer, final int offset)
        {
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes))
            {
                out.writeObject(value);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot serialize " + type.getName() + " for a shared map", ex);
            }
            final byte[] array = bytes.toByteArray();
            buffer.putBytes(offset, array);
            return array.length;
        }

        @Override
        public T decode(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] array = new byte[length];
            buffer.getBytes(offset, array);
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(array)))
            {
                in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(
                    "maxdepth=64;maxarray=" + length + ";maxbytes=" + length));
                return type.cast(in.readObject());
            }
            catch (final InvalidClassException | ClassNotFoundException ex)
            {
                throw new IllegalStateException("cannot deserialize a " + type.getName() + " from a shared map: " +
                    ex.getMessage(), ex);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot deserialize a " + type.getName() + " from a shared map", ex);
            }
        }
    }

    private static final class UserCodec<T> implements Codec<T>
    {
        private final MapCodec<T> codec;

        UserCodec(final MapCodec<T> codec)
        {
            this.codec = codec;
        }

        @Override
        public String typeName()
        {
            return codec.typeName();
        }

        @Override
        @SuppressWarnings("unchecked")
        public T cast(final Object object)
        {
            // Erased: a caller's codec meets a wrong type in its own encode().
            return (T)object;
        }

        @Override
        public int encode(final T value, final MutableDirectBuffer buffer, final int offset)
        {
            final byte[] bytes = codec.encode(value);
            if (bytes == null)
            {
                throw new NullPointerException("codec " + codec.typeName() + " encoded a value as null");
            }
            buffer.putBytes(offset, bytes);
            return bytes.length;
        }

        @Override
        public T decode(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            final T value = codec.decode(bytes);
            if (value == null)
            {
                throw new NullPointerException("codec " + codec.typeName() + " decoded a value as null");
            }
            return value;
        }
    }
}

package dev.shmem.pool;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The default {@link PoolCodec}: a tag byte and the value's bytes for what tasks usually carry, Java serialization
 * ({@link JavaSerializationCodec}) for everything else. An {@code Integer} takes 5 bytes and no stream (Java
 * serialization writes 81 and builds an object stream per value).
 *
 * <p>Encoded directly: {@code null}, {@code Boolean}, {@code Byte}, {@code Short}, {@code Character},
 * {@code Integer}, {@code Long}, {@code Float}, {@code Double}, {@code String} (UTF-8), arrays of the eight
 * primitives, and records whose components are any of these (or other records, or anything the fallback takes).
 * A record is rebuilt with its canonical constructor, so its validation runs in the receiving JVM too. Anything
 * else must be {@link java.io.Serializable}. Thread-safe and stateless.
 */
public final class CompactCodec implements PoolCodec
{
    private static final byte NULL = 0;
    private static final byte TRUE = 1;
    private static final byte FALSE = 2;
    private static final byte BYTE = 3;
    private static final byte SHORT = 4;
    private static final byte CHAR = 5;
    private static final byte INT = 6;
    private static final byte LONG = 7;
    private static final byte FLOAT = 8;
    private static final byte DOUBLE = 9;
    private static final byte STRING = 10;
    private static final byte BYTES = 11;
    private static final byte SHORTS = 12;
    private static final byte CHARS = 13;
    private static final byte INTS = 14;
    private static final byte LONGS = 15;
    private static final byte FLOATS = 16;
    private static final byte DOUBLES = 17;
    private static final byte BOOLEANS = 18;
    private static final byte RECORD = 19;
    private static final byte SERIALIZED = 20;

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>()
    {
        @Override
        protected RecordShape computeValue(final Class<?> type)
        {
            return RecordShape.of(type);
        }
    };

    private final JavaSerializationCodec fallback = new JavaSerializationCodec();

    @Override
    public byte[] encode(final Object value) throws IOException
    {
        // The common cases without a growing buffer.
        if (value instanceof Integer)
        {
            return ByteBuffer.allocate(5).put(INT).putInt((Integer)value).array();
        }
        if (value instanceof Long)
        {
            return ByteBuffer.allocate(9).put(LONG).putLong((Long)value).array();
        }
        if (value == null)
        {
            return new byte[] { NULL };
        }
        final Writer out = new Writer(value instanceof String ? 5 + ((String)value).length() : 64);
        write(out, value);
        return out.toByteArray();
    }

    @Override
    public Object decode(final byte[] bytes) throws IOException, ClassNotFoundException
    {
        final ByteBuffer in = ByteBuffer.wrap(bytes);
        try
        {
            final Object value = read(in);
            if (in.hasRemaining())
            {
                throw new StreamCorruptedException(in.remaining() + " bytes left after a value of " + bytes.length);
            }
            return value;
        }
        catch (final RuntimeException ex)
        {
            throw new StreamCorruptedException("cannot decode " + bytes.length + " bytes: " + ex);
        }
    }

    private void write(final Writer out, final Object value) throws IOException
    {
        if (value == null)
        {
            out.room(1).put(NULL);
        }
        else if (value instanceof Integer)
        {
            out.room(5).put(INT).putInt((Integer)value);
        }
        else if (value instanceof Long)
        {
            out.room(9).put(LONG).putLong((Long)value);
        }
        else if (value instanceof Double)
        {
            out.room(9).put(DOUBLE).putDouble((Double)value);
        }
        else if (value instanceof String)
        {
            writeString(out, STRING, (String)value);
        }
        else if (value instanceof Boolean)
        {
            out.room(1).put((Boolean)value ? TRUE : FALSE);
        }
        else if (value instanceof Float)
        {
            out.room(5).put(FLOAT).putFloat((Float)value);
        }
        else if (value instanceof Short)
        {
            out.room(3).put(SHORT).putShort((Short)value);
        }
        else if (value instanceof Byte)
        {
            out.room(2).put(BYTE).put((Byte)value);
        }
        else if (value instanceof Character)
        {
            out.room(3).put(CHAR).putChar((Character)value);
        }
        else if (value.getClass().isArray() && value.getClass().getComponentType().isPrimitive())
        {
            writeArray(out, value);
        }
        else if (value instanceof Record)
        {
            writeRecord(out, (Record)value);
        }
        else
        {
            final byte[] serialized = fallback.encode(value);
            out.room(5 + serialized.length).put(SERIALIZED).putInt(serialized.length).put(serialized);
        }
    }

    private static void writeString(final Writer out, final byte tag, final String value)
    {
        final byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.room(5 + utf8.length).put(tag).putInt(utf8.length).put(utf8);
    }

    private static void writeArray(final Writer out, final Object array)
    {
        if (array instanceof byte[])
        {
            final byte[] a = (byte[])array;
            out.room(5 + a.length).put(BYTES).putInt(a.length).put(a);
        }
        else if (array instanceof int[])
        {
            final int[] a = (int[])array;
            final ByteBuffer b = out.room(5 + 4L * a.length).put(INTS).putInt(a.length);
            b.asIntBuffer().put(a);
            b.position(b.position() + 4 * a.length);
        }
        else if (array instanceof long[])
        {
            final long[] a = (long[])array;
            final ByteBuffer b = out.room(5 + 8L * a.length).put(LONGS).putInt(a.length);
            b.asLongBuffer().put(a);
            b.position(b.position() + 8 * a.length);
        }
        else if (array instanceof double[])
        {
            final double[] a = (double[])array;
            final ByteBuffer b = out.room(5 + 8L * a.length).put(DOUBLES).putInt(a.length);
            b.asDoubleBuffer().put(a);
            b.position(b.position() + 8 * a.length);
        }
        else if (array instanceof float[])
        {
            final float[] a = (float[])array;
            final ByteBuffer b = out.room(5 + 4L * a.length).put(FLOATS).putInt(a.length);
            b.asFloatBuffer().put(a);
            b.position(b.position() + 4 * a.length);
        }
        else if (array instanceof short[])
        {
            final short[] a = (short[])array;
            final ByteBuffer b = out.room(5 + 2L * a.length).put(SHORTS).putInt(a.length);
            b.asShortBuffer().put(a);
            b.position(b.position() + 2 * a.length);
        }
        else if (array instanceof char[])
        {
            final char[] a = (char[])array;
            final ByteBuffer b = out.room(5 + 2L * a.length).put(CHARS).putInt(a.length);
            b.asCharBuffer().put(a);
            b.position(b.position() + 2 * a.length);
        }
        else
        {
            final boolean[] a = (boolean[])array;
            final ByteBuffer b = out.room(5 + a.length).put(BOOLEANS).putInt(a.length);
            for (final boolean element : a)
            {
                b.put(element ? (byte)1 : (byte)0);
            }
        }
    }

    private void writeRecord(final Writer out, final Record value) throws IOException
    {
        final RecordShape shape = SHAPES.get(value.getClass());
        writeString(out, RECORD, value.getClass().getName());
        out.room(4).putInt(shape.accessors.length);
        for (final MethodHandle accessor : shape.accessors)
        {
            final Object component;
            try
            {
                component = accessor.invoke(value);
            }
            catch (final Throwable ex)
            {
                throw new IOException("cannot read a component of record " + value.getClass().getName(), ex);
            }
            write(out, component);
        }
    }

    private Object read(final ByteBuffer in) throws IOException, ClassNotFoundException
    {
        final byte tag = in.get();
        switch (tag)
        {
            case NULL: return null;
            case TRUE: return Boolean.TRUE;
            case FALSE: return Boolean.FALSE;
            case BYTE: return in.get();
            case SHORT: return in.getShort();
            case CHAR: return in.getChar();
            case INT: return in.getInt();
            case LONG: return in.getLong();
            case FLOAT: return in.getFloat();
            case DOUBLE: return in.getDouble();
            case STRING: return readString(in);
            case BYTES:
            {
                final byte[] a = new byte[length(in, 1)];
                in.get(a);
                return a;
            }
            case SHORTS:
            {
                final short[] a = new short[length(in, 2)];
                in.asShortBuffer().get(a);
                in.position(in.position() + 2 * a.length);
                return a;
            }
            case CHARS:
            {
                final char[] a = new char[length(in, 2)];
                in.asCharBuffer().get(a);
                in.position(in.position() + 2 * a.length);
                return a;
            }
            case INTS:
            {
                final int[] a = new int[length(in, 4)];
                in.asIntBuffer().get(a);
                in.position(in.position() + 4 * a.length);
                return a;
            }
            case LONGS:
            {
                final long[] a = new long[length(in, 8)];
                in.asLongBuffer().get(a);
                in.position(in.position() + 8 * a.length);
                return a;
            }
            case FLOATS:
            {
                final float[] a = new float[length(in, 4)];
                in.asFloatBuffer().get(a);
                in.position(in.position() + 4 * a.length);
                return a;
            }
            case DOUBLES:
            {
                final double[] a = new double[length(in, 8)];
                in.asDoubleBuffer().get(a);
                in.position(in.position() + 8 * a.length);
                return a;
            }
            case BOOLEANS:
            {
                final boolean[] a = new boolean[length(in, 1)];
                for (int i = 0; i < a.length; i++)
                {
                    a[i] = in.get() != 0;
                }
                return a;
            }
            case RECORD: return readRecord(in);
            case SERIALIZED:
            {
                final byte[] serialized = new byte[length(in, 1)];
                in.get(serialized);
                return fallback.decode(serialized);
            }
            default: throw new StreamCorruptedException("unknown value tag " + tag);
        }
    }

    private Object readRecord(final ByteBuffer in) throws IOException, ClassNotFoundException
    {
        final String name = readString(in);
        final Class<?> type = Class.forName(name, false, loader());
        if (!type.isRecord())
        {
            throw new StreamCorruptedException(name + " is not a record");
        }
        final RecordShape shape = SHAPES.get(type);
        final int count = in.getInt();
        if (count != shape.accessors.length)
        {
            throw new StreamCorruptedException("record " + name + " has " + shape.accessors.length +
                " components here, " + count + " where it was encoded");
        }
        final Object[] components = new Object[count];
        for (int i = 0; i < count; i++)
        {
            components[i] = read(in);
        }
        try
        {
            return shape.constructor.invokeWithArguments(components);
        }
        catch (final Throwable ex)
        {
            throw new IOException("cannot rebuild record " + name + " from " + Arrays.toString(components), ex);
        }
    }

    private static String readString(final ByteBuffer in) throws StreamCorruptedException
    {
        final int length = length(in, 1);
        final String value = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return value;
    }

    private static int length(final ByteBuffer in, final int elementBytes) throws StreamCorruptedException
    {
        final int length = in.getInt();
        if (length < 0 || (long)length * elementBytes > in.remaining())
        {
            throw new StreamCorruptedException("length " + length + " does not fit the " + in.remaining() +
                " bytes left");
        }
        return length;
    }

    private static ClassLoader loader()
    {
        final ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : CompactCodec.class.getClassLoader();
    }

    /** A growable heap buffer. */
    private static final class Writer
    {
        private ByteBuffer buffer;

        Writer(final int initial)
        {
            this.buffer = ByteBuffer.allocate(initial);
        }

        ByteBuffer room(final long bytes)
        {
            if (buffer.remaining() < bytes)
            {
                final long needed = buffer.position() + bytes;
                if (needed > Integer.MAX_VALUE - 8)
                {
                    throw new IllegalArgumentException("a value of more than 2 GiB cannot be encoded");
                }
                final ByteBuffer grown = ByteBuffer.allocate((int)Math.min(Integer.MAX_VALUE - 8,
                    Math.max(needed, 2L * buffer.capacity())));
                buffer.flip();
                grown.put(buffer);
                buffer = grown;
            }
            return buffer;
        }

        byte[] toByteArray()
        {
            return buffer.position() == buffer.capacity() ? buffer.array() :
                Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** How to take a record apart and build it again. */
    private static final class RecordShape
    {
        final MethodHandle[] accessors;
        final MethodHandle constructor;

        private RecordShape(final MethodHandle[] accessors, final MethodHandle constructor)
        {
            this.accessors = accessors;
            this.constructor = constructor;
        }

        static RecordShape of(final Class<?> type)
        {
            final RecordComponent[] components = type.getRecordComponents();
            final MethodHandle[] accessors = new MethodHandle[components.length];
            final Class<?>[] types = new Class<?>[components.length];
            try
            {
                final MethodHandles.Lookup lookup = MethodHandles.lookup();
                for (int i = 0; i < components.length; i++)
                {
                    final java.lang.reflect.Method accessor = components[i].getAccessor();
                    accessor.trySetAccessible();
                    accessors[i] = lookup.unreflect(accessor);
                    types[i] = components[i].getType();
                }
                final Constructor<?> constructor = type.getDeclaredConstructor(types);
                constructor.trySetAccessible();
                return new RecordShape(accessors, lookup.unreflectConstructor(constructor));
            }
            catch (final ReflectiveOperationException ex)
            {
                throw new IllegalArgumentException("record " + type.getName() + " cannot be taken apart: " + ex, ex);
            }
        }
    }
}

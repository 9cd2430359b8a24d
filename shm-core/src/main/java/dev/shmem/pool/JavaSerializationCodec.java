package dev.shmem.pool;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * The default {@link PoolCodec}: Java serialization of {@link java.io.Serializable} values (and null). Both sides
 * are processes started from the same class path by the same user, so deserialization reads only what this pool's
 * own parent and workers wrote.
 */
public final class JavaSerializationCodec implements PoolCodec
{
    @Override
    public byte[] encode(final Object value) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes))
        {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    @Override
    public Object decode(final byte[] bytes) throws IOException, ClassNotFoundException
    {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes)))
        {
            return in.readObject();
        }
    }
}

package dev.shmem.pool;

/**
 * How a {@link JvmPool} turns task inputs and results into bytes and back (Python pickles them). The default is
 * {@link JavaSerializationCodec}. An implementation needs a public no-argument constructor: the workers create
 * their own instance by class name.
 */
public interface PoolCodec
{
    /**
     * @param value an input or result (may be null).
     * @return its bytes.
     * @throws Exception if it cannot be encoded.
     */
    byte[] encode(Object value) throws Exception;

    /**
     * @param bytes bytes made by {@link #encode}.
     * @return the value.
     * @throws Exception if they cannot be decoded.
     */
    Object decode(byte[] bytes) throws Exception;
}

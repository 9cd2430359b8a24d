package dev.shmem.internal.map;

import org.agrona.DirectBuffer;

/**
 * The 64-bit hash of an encoded key (every process must compute the same one): eight bytes at a time in native
 * order, then a murmur3 finaliser. Hashing the encoded bytes, not {@code hashCode()}, keeps it independent of
 * the JVM and needs no boxing beyond the caller's key.
 */
final class KeyHash
{
    private static final long C1 = 0x9E3779B97F4A7C15L;
    private static final long C2 = 0xC2B2AE3D27D4EB4FL;

    private KeyHash()
    {
    }

    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = C1 ^ length;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES)
        {
            h = Long.rotateLeft(h ^ buffer.getLong(offset + i) * C2, 31) * C1;
        }
        long tail = 0;
        for (; i < length; i++)
        {
            tail = (tail << 8) | (buffer.getByte(offset + i) & 0xFF);
        }
        return mix(h ^ tail * C2);
    }

    static long hash(final byte[] bytes)
    {
        return hash(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length);
    }

    private static long mix(final long value)
    {
        long h = value;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}

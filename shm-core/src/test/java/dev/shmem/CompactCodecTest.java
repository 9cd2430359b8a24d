package dev.shmem;

import dev.shmem.pool.CompactCodec;
import dev.shmem.pool.JavaSerializationCodec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StreamCorruptedException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactCodecTest
{
    private final CompactCodec codec = new CompactCodec();

    record Point(int x, long y, double weight, String label)
    {
    }

    record Outer(Point point, int[] values, List<String> names, Character mark)
    {
    }

    record Checked(int positive)
    {
        Checked
        {
            if (positive <= 0)
            {
                throw new IllegalArgumentException("positive " + positive);
            }
        }
    }

    private Object roundTrip(final Object value) throws Exception
    {
        return codec.decode(codec.encode(value));
    }

    @Test
    void boxedPrimitivesAndStringsRoundTrip() throws Exception
    {
        for (final Object value : List.of(true, false, (byte)-3, (short)300, 'é', 42, Integer.MIN_VALUE,
            Long.MAX_VALUE, 1.5f, Math.PI, Double.NaN, "", "héllo wörld ✓", "x".repeat(100_000)))
        {
            assertEquals(value, roundTrip(value), String.valueOf(value).substring(0,
                Math.min(20, String.valueOf(value).length())));
            assertEquals(value.getClass(), roundTrip(value).getClass());
        }
        assertNull(roundTrip(null));
    }

    @Test
    void anIntegerTakesFiveBytesWhereJavaSerializationTakesEighty() throws Exception
    {
        assertEquals(5, codec.encode(7).length);
        assertEquals(9, codec.encode(7L).length);
        assertEquals(1, codec.encode(null).length);
        assertTrue(new JavaSerializationCodec().encode(7).length > 70);
    }

    @Test
    void primitiveArraysRoundTrip() throws Exception
    {
        assertArrayEquals(new byte[] { 1, -2, 3 }, (byte[])roundTrip(new byte[] { 1, -2, 3 }));
        assertArrayEquals(new short[] { 1, -2 }, (short[])roundTrip(new short[] { 1, -2 }));
        assertArrayEquals(new char[] { 'a', 'ß' }, (char[])roundTrip(new char[] { 'a', 'ß' }));
        assertArrayEquals(new int[] { 1, Integer.MAX_VALUE }, (int[])roundTrip(new int[] { 1, Integer.MAX_VALUE }));
        assertArrayEquals(new long[] { -1, 7 }, (long[])roundTrip(new long[] { -1, 7 }));
        assertArrayEquals(new float[] { 1.5f }, (float[])roundTrip(new float[] { 1.5f }));
        assertArrayEquals(new double[] { 0.1, -0.0 }, (double[])roundTrip(new double[] { 0.1, -0.0 }));
        assertArrayEquals(new boolean[] { true, false, true }, (boolean[])roundTrip(new boolean[] { true, false,
            true }));
        assertArrayEquals(new int[0], (int[])roundTrip(new int[0]));
        assertEquals(5 + 4 * 1000, codec.encode(new int[1000]).length);
    }

    @Test
    void recordsOfThoseRoundTripThroughTheirConstructor() throws Exception
    {
        final Point point = new Point(1, 2L, 0.5, "p");
        assertEquals(point, roundTrip(point));
        final Outer outer = (Outer)roundTrip(new Outer(point, new int[] { 4, 5 }, List.of("a", "b"), null));
        assertEquals(point, outer.point());
        assertArrayEquals(new int[] { 4, 5 }, outer.values());
        assertEquals(List.of("a", "b"), outer.names());
        assertNull(outer.mark());
        final byte[] valid = codec.encode(new Checked(5));
        assertEquals(new Checked(5), codec.decode(valid));
        // The same bytes with the component changed to -5: the constructor refuses it on decoding.
        final byte[] tampered = valid.clone();
        java.nio.ByteBuffer.wrap(tampered).putInt(tampered.length - 4, -5);
        final IOException refused = assertThrows(IOException.class, () -> codec.decode(tampered));
        assertTrue(refused.getCause().getMessage().contains("positive -5"), refused.toString());
    }

    @Test
    void anythingElseSerializableFallsBackToJavaSerialization() throws Exception
    {
        assertEquals(Map.of("k", 1), roundTrip(Map.of("k", 1)));
        assertEquals(BigInteger.TEN.pow(40), roundTrip(BigInteger.TEN.pow(40)));
        assertThrows(java.io.NotSerializableException.class, () -> codec.encode(new Object()));
    }

    @Test
    void corruptBytesAreRefusedWithAClearException() throws Exception
    {
        final StreamCorruptedException unknown = assertThrows(StreamCorruptedException.class,
            () -> codec.decode(new byte[] { 99 }));
        assertTrue(unknown.getMessage().contains("99"), unknown.getMessage());
        final byte[] string = codec.encode("hello");
        final StreamCorruptedException cut = assertThrows(StreamCorruptedException.class,
            () -> codec.decode(Arrays.copyOf(string, 4)));
        assertTrue(cut.getMessage().contains("4 bytes"), cut.getMessage());
        final byte[] lying = codec.encode(new long[2]);
        java.nio.ByteBuffer.wrap(lying).putInt(1, Integer.MAX_VALUE);
        assertThrows(StreamCorruptedException.class, () -> codec.decode(lying));
        assertThrows(StreamCorruptedException.class, () -> codec.decode(new byte[0]));
        final byte[] trailing = Arrays.copyOf(codec.encode(1), 6);
        assertThrows(StreamCorruptedException.class, () -> codec.decode(trailing));
    }
}

package dev.shmem.internal.map;

import dev.shmem.RegionCorruptException;

import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;

import static dev.shmem.internal.map.MapDescriptor.BUCKETS_PER_SEGMENT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.KEY_TYPE_LENGTH_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.KEY_TYPE_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.MAX_ENTRIES_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.MAX_ENTRY_BYTES_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.MAX_TYPE_NAME_BYTES;
import static dev.shmem.internal.map.MapDescriptor.NIL;
import static dev.shmem.internal.map.MapDescriptor.SEGMENTS_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SEGMENT_SPARE_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_NEXT_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_STATE_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.SLOT_STRIDE_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.TOTAL_SLOTS_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.VALUE_TYPE_LENGTH_OFFSET;
import static dev.shmem.internal.map.MapDescriptor.VALUE_TYPE_OFFSET;

/**
 * The sizes and offsets of one map entry, computed from {@code maxEntries} and {@code maxEntryBytes} (never read
 * from the file), with the header's initialisation and its check on open.
 */
public final class MapGeometry
{
    final int maxEntries;
    final int maxEntryBytes;
    final int segments;
    final int segmentMask;
    final int bucketsPerSegment;
    final int bucketMask;
    final int slotStride;
    final int totalSlots;
    final int bucketsOffset;
    final int slotsOffset;

    /**
     * @param maxEntries    most entries (1 to {@link MapDescriptor#MAX_ENTRIES}).
     * @param maxEntryBytes most bytes of key plus value (1 to {@link MapDescriptor#MAX_ENTRY_BYTES}).
     */
    public MapGeometry(final int maxEntries, final int maxEntryBytes)
    {
        this.maxEntries = maxEntries;
        this.maxEntryBytes = maxEntryBytes;
        this.segments = MapDescriptor.segments(maxEntries);
        this.segmentMask = segments - 1;
        this.bucketsPerSegment = MapDescriptor.bucketsPerSegment(maxEntries);
        this.bucketMask = bucketsPerSegment - 1;
        this.slotStride = MapDescriptor.slotStride(maxEntryBytes);
        this.totalSlots = MapDescriptor.totalSlots(maxEntries);
        this.bucketsOffset = MapDescriptor.bucketsOffset(maxEntries);
        this.slotsOffset = (int)MapDescriptor.slotsOffset(maxEntries);
    }

    /**
     * @param name a type name.
     * @return the name as recorded: its UTF-8 bytes, or for a name over 112 bytes its first 95 bytes, '#' and 16
     * hex digits of a hash of the whole.
     */
    static byte[] recordedTypeName(final String name)
    {
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_TYPE_NAME_BYTES)
        {
            return bytes;
        }
        final byte[] head = java.util.Arrays.copyOf(bytes, MAX_TYPE_NAME_BYTES);
        final byte[] tail = String.format("#%016x", KeyHash.hash(bytes)).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, head, MAX_TYPE_NAME_BYTES - tail.length, tail.length);
        return head;
    }

    /**
     * Writes the header and the empty table into a new, zero-filled entry (plain writes, published by the
     * directory's release store of the record's READY state).
     *
     * @param buffer    the entry.
     * @param keyType   key type name.
     * @param valueType value type name.
     */
    public void initialize(final AtomicBuffer buffer, final String keyType, final String valueType)
    {
        buffer.putInt(MAX_ENTRIES_OFFSET, maxEntries);
        buffer.putInt(MAX_ENTRY_BYTES_OFFSET, maxEntryBytes);
        buffer.putInt(SEGMENTS_OFFSET, segments);
        buffer.putInt(BUCKETS_PER_SEGMENT_OFFSET, bucketsPerSegment);
        buffer.putInt(SLOT_STRIDE_OFFSET, slotStride);
        buffer.putInt(TOTAL_SLOTS_OFFSET, totalSlots);
        final byte[] key = recordedTypeName(keyType);
        final byte[] value = recordedTypeName(valueType);
        buffer.putInt(KEY_TYPE_LENGTH_OFFSET, key.length);
        buffer.putBytes(KEY_TYPE_OFFSET, key);
        buffer.putInt(VALUE_TYPE_LENGTH_OFFSET, value.length);
        buffer.putBytes(VALUE_TYPE_OFFSET, value);
        buffer.setMemory(bucketsOffset, segments * bucketsPerSegment * Integer.BYTES, (byte)0xFF);
        for (int segment = 0; segment < segments; segment++)
        {
            // Slot i is segment i's first spare: owned, unlinked.
            buffer.putInt(MapDescriptor.segmentOffset(segment) + SEGMENT_SPARE_OFFSET, segment);
            buffer.putInt(slotOffset(segment) + SLOT_STATE_OFFSET, segment + 1);
            buffer.putInt(slotOffset(segment) + SLOT_NEXT_OFFSET, NIL);
        }
    }

    /**
     * Checks an existing entry's header against this geometry and the requested type names.
     *
     * @param name      entry name, for messages.
     * @param buffer    the entry.
     * @param keyType   requested key type name.
     * @param valueType requested value type name.
     * @throws RegionCorruptException if the header does not match the directory record.
     * @throws IllegalStateException  if the map was created with other types.
     */
    public void check(final String name, final AtomicBuffer buffer, final String keyType, final String valueType)
    {
        checkField(name, "max entries", buffer.getInt(MAX_ENTRIES_OFFSET), maxEntries);
        checkField(name, "max entry bytes", buffer.getInt(MAX_ENTRY_BYTES_OFFSET), maxEntryBytes);
        checkField(name, "segments", buffer.getInt(SEGMENTS_OFFSET), segments);
        checkField(name, "buckets per segment", buffer.getInt(BUCKETS_PER_SEGMENT_OFFSET), bucketsPerSegment);
        checkField(name, "slot stride", buffer.getInt(SLOT_STRIDE_OFFSET), slotStride);
        checkField(name, "total slots", buffer.getInt(TOTAL_SLOTS_OFFSET), totalSlots);
        final String existingKey = typeName(name, buffer, KEY_TYPE_LENGTH_OFFSET, KEY_TYPE_OFFSET);
        final String existingValue = typeName(name, buffer, VALUE_TYPE_LENGTH_OFFSET, VALUE_TYPE_OFFSET);
        final String requestedKey = new String(recordedTypeName(keyType), StandardCharsets.UTF_8);
        final String requestedValue = new String(recordedTypeName(valueType), StandardCharsets.UTF_8);
        if (!existingKey.equals(requestedKey) || !existingValue.equals(requestedValue))
        {
            throw new IllegalStateException("map '" + name + "' exists with keys " + existingKey + " and values " +
                existingValue + ", requested with keys " + requestedKey + " and values " + requestedValue);
        }
    }

    /**
     * For inspectors: the sum of the segment counts (volatile reads, no lock: a snapshot that may be off by the
     * changes in flight; every count clamped to the capacity).
     *
     * @param region     the whole region buffer.
     * @param dataOffset the map entry's offset in it.
     * @param maxEntries the map's max entries (from the validated directory record).
     * @return entries in the map.
     */
    public static long entriesNow(final AtomicBuffer region, final int dataOffset, final int maxEntries)
    {
        long sum = 0;
        for (int segment = 0; segment < MapDescriptor.segments(maxEntries); segment++)
        {
            // Volatile: pairs with nothing in particular; the writers change counts under their segment lock.
            final int count = region.getIntVolatile(
                dataOffset + MapDescriptor.segmentOffset(segment) + MapDescriptor.SEGMENT_COUNT_OFFSET);
            sum += Math.max(0, Math.min(count, maxEntries));
        }
        return Math.min(sum, maxEntries);
    }

    /**
     * @param slot slot index (checked by the caller).
     * @return offset of that slot in the entry.
     */
    int slotOffset(final int slot)
    {
        return slotsOffset + slot * slotStride;
    }

    private static void checkField(final String name, final String field, final int found, final int expected)
    {
        if (found != expected)
        {
            throw new RegionCorruptException("region is corrupt: map '" + name + "' header has " + field + " " +
                found + ", expected " + expected);
        }
    }

    private static String typeName(final String name, final AtomicBuffer buffer, final int lengthOffset,
        final int offset)
    {
        final int length = buffer.getInt(lengthOffset);
        if (length < 1 || length > MAX_TYPE_NAME_BYTES)
        {
            throw new RegionCorruptException("region is corrupt: map '" + name + "' header has a type name of " +
                length + " bytes, expected 1 to " + MAX_TYPE_NAME_BYTES);
        }
        return buffer.getStringWithoutLengthUtf8(offset, length);
    }
}

package dev.shmem.internal.region;

import dev.shmem.internal.liveness.ProcessTableDescriptor;

import org.agrona.BitUtil;

/**
 * The offsets of the parts of a region, all derived from its capacity. Creation writes them into the header;
 * open recomputes them from the capacity and refuses a header that disagrees, so no offset read from a file is
 * ever used unchecked.
 */
public final class RegionLayout
{
    /** Every entry starts on its own pair of cache lines (adjacent-line prefetch makes 64 bytes too few). */
    public static final int ENTRY_ALIGNMENT = 2 * HeaderDescriptor.CACHE_LINE_LENGTH;
    public static final long MIN_CAPACITY = 64 * 1024;
    /** An {@code UnsafeBuffer} and a single mapping are int-indexed. */
    public static final long MAX_CAPACITY = Integer.MAX_VALUE & ~4095L;

    private final long capacity;
    private final int processSlots;
    private final long processTableOffset;
    private final int directorySlots;
    private final long directoryOffset;
    private final long dataOffset;

    private RegionLayout(final long capacity)
    {
        this.capacity = capacity;
        this.processSlots = ProcessTableDescriptor.PROCESS_SLOTS;
        this.processTableOffset = HeaderDescriptor.HEADER_LENGTH;
        this.directorySlots = DirectoryDescriptor.slotsFor(capacity);
        this.directoryOffset = BitUtil.align(
            processTableOffset + (long)processSlots * ProcessTableDescriptor.SLOT_LENGTH, ENTRY_ALIGNMENT);
        this.dataOffset = BitUtil.align(
            directoryOffset + (long)directorySlots * DirectoryDescriptor.RECORD_LENGTH, ENTRY_ALIGNMENT);
    }

    /**
     * @param capacity requested capacity in bytes.
     * @return the layout of a region of that capacity.
     * @throws IllegalArgumentException if the capacity is outside [{@link #MIN_CAPACITY}, {@link #MAX_CAPACITY}].
     */
    public static RegionLayout forCapacity(final long capacity)
    {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity " + capacity + " bytes is out of range: expected " +
                MIN_CAPACITY + " (64 KiB) to " + MAX_CAPACITY + " bytes");
        }
        return new RegionLayout(capacity);
    }

    public long capacity()
    {
        return capacity;
    }

    public int processSlots()
    {
        return processSlots;
    }

    public long processTableOffset()
    {
        return processTableOffset;
    }

    public int directorySlots()
    {
        return directorySlots;
    }

    public long directoryOffset()
    {
        return directoryOffset;
    }

    public long dataOffset()
    {
        return dataOffset;
    }
}

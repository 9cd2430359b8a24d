package dev.shmem.internal.region;

import dev.shmem.internal.liveness.ProcessTableDescriptor;

import org.agrona.BitUtil;

/**
 * The offsets of the parts of a region, derived from its capacity, its number of process slots
 * ({@code maxProcesses}) and its number of directory records ({@code maxEntries}). Creation writes them into the
 * header; open recomputes them from the three sizes it reads and refuses a header that disagrees, so no offset
 * read from a file is ever used unchecked.
 *
 * <pre>
 *  0          128                         align 128               align 128                  align 128
 *  | header   | process table             | directory index       | directory records        | data ...   |
 *  |          | maxProcesses x 64         | indexSlots x 8        | maxEntries x 192         |  capacity  |
 * </pre>
 */
public final class RegionLayout
{
    /** Every entry starts on its own pair of cache lines (adjacent-line prefetch makes 64 bytes too few). */
    public static final int ENTRY_ALIGNMENT = 2 * HeaderDescriptor.CACHE_LINE_LENGTH;
    public static final long MIN_CAPACITY = 64 * 1024;
    /** An {@code UnsafeBuffer} and a single mapping are int-indexed. */
    public static final long MAX_CAPACITY = Integer.MAX_VALUE & ~4095L;
    /** A process stamp holds slot + 1 in 16 bits. */
    public static final int MAX_PROCESSES = 0xFFFF;
    /** Far above what any capacity holds (192 bytes a record); keeps the index size an int. */
    public static final int MAX_ENTRIES = 1 << 26;
    /** Default directory records: one per this many bytes of capacity. */
    public static final int DEFAULT_BYTES_PER_ENTRY = 4096;
    public static final int MIN_DEFAULT_ENTRIES = 64;
    /** Default process slots: one per this many bytes of capacity, within the two bounds below. */
    public static final int DEFAULT_BYTES_PER_PROCESS = 256 * 1024;
    public static final int MIN_DEFAULT_PROCESSES = 128;
    /**
     * Largest default: a queue's slot word names a claiming process in 8 bits of slot ({@code QueueDescriptor}),
     * so more than 255 processes is refused by {@code SharedRegion.queue}; an explicit {@code maxProcesses} may go
     * higher for regions without queues.
     */
    public static final int MAX_DEFAULT_PROCESSES = 255;

    private final long capacity;
    private final int processSlots;
    private final long processTableOffset;
    private final int indexSlots;
    private final long indexOffset;
    private final int maxEntries;
    private final long recordsOffset;
    private final long dataOffset;

    private RegionLayout(final long capacity, final int processSlots, final int maxEntries)
    {
        this.capacity = capacity;
        this.processSlots = processSlots;
        this.processTableOffset = HeaderDescriptor.HEADER_LENGTH;
        this.maxEntries = maxEntries;
        this.indexSlots = DirectoryDescriptor.indexSlotsFor(maxEntries);
        this.indexOffset = BitUtil.align(
            processTableOffset + (long)processSlots * ProcessTableDescriptor.SLOT_LENGTH, ENTRY_ALIGNMENT);
        this.recordsOffset = BitUtil.align(
            indexOffset + (long)indexSlots * DirectoryDescriptor.INDEX_WORD_LENGTH, ENTRY_ALIGNMENT);
        this.dataOffset = BitUtil.align(
            recordsOffset + (long)maxEntries * DirectoryDescriptor.RECORD_LENGTH, ENTRY_ALIGNMENT);
    }

    /**
     * @param capacity requested capacity in bytes.
     * @return the layout of a region of that capacity with the default process slots and directory records.
     * @throws IllegalArgumentException if the capacity is outside [{@link #MIN_CAPACITY}, {@link #MAX_CAPACITY}].
     */
    public static RegionLayout forCapacity(final long capacity)
    {
        checkCapacity(capacity);
        return of(capacity, defaultMaxProcesses(capacity), defaultMaxEntries(capacity));
    }

    /**
     * @param capacity     capacity in bytes.
     * @param maxProcesses process slots.
     * @param maxEntries   directory records.
     * @return the layout.
     * @throws IllegalArgumentException naming the value out of range, or saying that the directory and the process
     *                                  table do not leave room for data in that capacity.
     */
    public static RegionLayout of(final long capacity, final int maxProcesses, final int maxEntries)
    {
        checkCapacity(capacity);
        if (maxProcesses < 1 || maxProcesses > MAX_PROCESSES)
        {
            throw new IllegalArgumentException("maxProcesses " + maxProcesses + " is out of range: expected 1 to " +
                MAX_PROCESSES);
        }
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES)
        {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " is out of range: expected 1 to " +
                MAX_ENTRIES);
        }
        final RegionLayout layout = new RegionLayout(capacity, maxProcesses, maxEntries);
        if (layout.dataOffset + ENTRY_ALIGNMENT > capacity)
        {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " and maxProcesses " + maxProcesses +
                " need " + layout.dataOffset + " bytes of directory and process table, more than the capacity " +
                capacity + " leaves room for: raise the capacity or lower them");
        }
        return layout;
    }

    /**
     * @param capacity capacity in bytes.
     * @return the default {@code maxEntries}: one per {@value #DEFAULT_BYTES_PER_ENTRY} bytes, at least
     * {@value #MIN_DEFAULT_ENTRIES}.
     */
    public static int defaultMaxEntries(final long capacity)
    {
        return (int)Math.max(MIN_DEFAULT_ENTRIES, capacity / DEFAULT_BYTES_PER_ENTRY);
    }

    /**
     * @param capacity capacity in bytes.
     * @return the default {@code maxProcesses}: one per {@value #DEFAULT_BYTES_PER_PROCESS} bytes, within
     * [{@value #MIN_DEFAULT_PROCESSES}, {@value #MAX_DEFAULT_PROCESSES}].
     */
    public static int defaultMaxProcesses(final long capacity)
    {
        return (int)Math.max(MIN_DEFAULT_PROCESSES, Math.min(MAX_DEFAULT_PROCESSES, capacity / DEFAULT_BYTES_PER_PROCESS));
    }

    private static void checkCapacity(final long capacity)
    {
        if (capacity < MIN_CAPACITY || capacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException("capacity " + capacity + " bytes is out of range: expected " +
                MIN_CAPACITY + " (64 KiB) to " + MAX_CAPACITY + " bytes");
        }
    }

    public long capacity()
    {
        return capacity;
    }

    /**
     * @return the process slots ({@code maxProcesses}).
     */
    public int processSlots()
    {
        return processSlots;
    }

    public long processTableOffset()
    {
        return processTableOffset;
    }

    /**
     * @return the directory records ({@code maxEntries}): how many entries the region can name.
     */
    public int maxEntries()
    {
        return maxEntries;
    }

    /**
     * @return the same as {@link #maxEntries()} (the name of format version 1, kept for readers).
     */
    public int directorySlots()
    {
        return maxEntries;
    }

    /**
     * @return words of the directory's hash index: a power of two at least twice {@link #maxEntries()}.
     */
    public int indexSlots()
    {
        return indexSlots;
    }

    public long indexOffset()
    {
        return indexOffset;
    }

    public long recordsOffset()
    {
        return recordsOffset;
    }

    public long dataOffset()
    {
        return dataOffset;
    }
}

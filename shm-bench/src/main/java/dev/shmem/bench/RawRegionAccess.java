package dev.shmem.bench;

import dev.shmem.SharedLong;
import dev.shmem.inspect.RegionInspector;
import dev.shmem.inspect.RegionSnapshot;
import org.agrona.concurrent.UnsafeBuffer;

import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Raw Agrona access to the memory of a named entry of a region: a second read-write mapping of the region file
 * and the absolute offset of the entry's data in it. Benchmarks use it to measure the hardware limit
 * ({@code UnsafeBuffer.getAndAddLong} with no wrapper) on the very memory a {@code SharedLong} uses, and to place
 * counters at chosen distances (64 or 128 bytes) inside an entry.
 *
 * <p>It finds where an entry lives through the public {@link RegionInspector};
 * the region is opened without attaching to its process table.
 *
 * <h2>Memory consistency effects</h2>
 * None of its own: the buffer maps the same pages as every other mapping of the file, so an atomic or volatile
 * access through it orders with the same accesses of any handle in any process.
 */
public final class RawRegionAccess
{
    private final AtomicBuffer mapped;
    private final int dataOffset;
    private final int dataBytes;

    private RawRegionAccess(final AtomicBuffer mapped, final int dataOffset, final int dataBytes)
    {
        this.mapped = mapped;
        this.dataOffset = dataOffset;
        this.dataBytes = dataBytes;
    }

    /**
     * @param regionFile an existing, valid region file.
     * @param entryName  an existing entry of it.
     * @return raw access to that entry's data.
     * @throws IOException           if the file cannot be opened as a region.
     * @throws IllegalStateException if the region has no entry of that name.
     */
    public static RawRegionAccess of(final Path regionFile, final String entryName) throws IOException
    {
        final RegionSnapshot.Entry entry;
        try (RegionInspector inspector = RegionInspector.open(regionFile))
        {
            entry = inspector.entries(entryName).stream().filter(e -> e.name().equals(entryName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("region " + regionFile + " has no entry '" +
                    entryName + "'"));
        }
        try (FileChannel channel = FileChannel.open(regionFile, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            // The same file mapped once more, read-write, in native byte order (UnsafeBuffer), as the library maps it.
            final MappedByteBuffer bytes = channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size());
            return new RawRegionAccess(new UnsafeBuffer(bytes), (int)entry.offset(), entry.bytes());
        }
    }

    /**
     * @return a read-write buffer over the whole region file.
     */
    public AtomicBuffer buffer()
    {
        return mapped;
    }

    /**
     * @return absolute offset of the entry's first data byte in {@link #buffer()}.
     */
    public int dataOffset()
    {
        return dataOffset;
    }

    /**
     * @return bytes of the entry's data.
     */
    public int dataBytes()
    {
        return dataBytes;
    }

    /**
     * @param byteOffset offset inside the entry's data.
     * @param width      bytes that will be accessed there.
     * @return the absolute offset in {@link #buffer()}.
     * @throws IndexOutOfBoundsException if the access would leave the entry.
     */
    public int offsetOf(final int byteOffset, final int width)
    {
        if (byteOffset < 0 || byteOffset > dataBytes - width)
        {
            throw new IndexOutOfBoundsException("offset " + byteOffset + " (+" + width + " bytes) is outside the " +
                dataBytes + " data bytes of the entry");
        }
        return dataOffset + byteOffset;
    }
}

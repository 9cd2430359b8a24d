package dev.shmem.bench.runner;

import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.DataFormatException;

/**
 * What one child measured, handed to the runner in a small properties file (written to a temporary name, then
 * moved, so the runner never reads half of it).
 *
 * @param index         the child's index.
 * @param pid           its pid.
 * @param totalOps      operations it performed in all phases (for invariant checks such as a final counter).
 * @param measuredOps   operations in the measurement window.
 * @param measuredNanos length of its measurement window.
 * @param counters      worker counters over the measurement window.
 * @param latency       per-operation latency in nanoseconds over the window, or null if not recorded.
 */
public record ChildReport(int index, long pid, long totalOps, long measuredOps, long measuredNanos,
    Map<String, Long> counters, Histogram latency)
{
    private static final String COUNTER_PREFIX = "counter.";

    /**
     * @return this child's operations per second over its window.
     */
    public double opsPerSecond()
    {
        return measuredOps * 1e9 / measuredNanos;
    }

    /**
     * @param file where to write it.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        properties.setProperty("index", Integer.toString(index));
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("totalOps", Long.toString(totalOps));
        properties.setProperty("measuredOps", Long.toString(measuredOps));
        properties.setProperty("measuredNanos", Long.toString(measuredNanos));
        counters.forEach((name, value) -> properties.setProperty(COUNTER_PREFIX + name, Long.toString(value)));
        if (latency != null)
        {
            final ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
            final int length = latency.encodeIntoCompressedByteBuffer(buffer);
            properties.setProperty("latency",
                Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length)));
        }
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8))
        {
            properties.store(out, "shm-bench child report");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * @param file a file written by {@link #write}.
     * @return the report.
     * @throws IOException if it cannot be read or is not a complete report.
     */
    public static ChildReport read(final Path file) throws IOException
    {
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(in);
        }
        final Map<String, Long> counters = new TreeMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            if (key.startsWith(COUNTER_PREFIX))
            {
                counters.put(key.substring(COUNTER_PREFIX.length()), number(file, properties, key));
            }
        }
        Histogram latency = null;
        final String encoded = properties.getProperty("latency");
        if (encoded != null)
        {
            try
            {
                latency = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
            }
            catch (final DataFormatException | IllegalArgumentException ex)
            {
                throw new IOException("child report " + file + " has a corrupt latency histogram", ex);
            }
        }
        return new ChildReport(
            (int)number(file, properties, "index"),
            number(file, properties, "pid"),
            number(file, properties, "totalOps"),
            number(file, properties, "measuredOps"),
            number(file, properties, "measuredNanos"),
            counters,
            latency);
    }

    private static long number(final Path file, final Properties properties, final String key) throws IOException
    {
        final String value = properties.getProperty(key);
        if (value == null)
        {
            throw new IOException("child report " + file + " has no '" + key + "'");
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IOException("child report " + file + ": '" + key + "' is '" + value + "', not a number", ex);
        }
    }
}

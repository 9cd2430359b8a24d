package dev.shmem.demo.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Follows a child's log file as it grows (like {@code tail -f}) and copies its complete lines to a writer, so a
 * demo shows what its children print while they run. Not thread-safe: one thread follows a log.
 */
final class LogFollower
{
    private static final int CHUNK = 8192;

    private final Path file;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private long position;

    /**
     * @param file the log file (may not exist yet).
     */
    LogFollower(final Path file)
    {
        this.file = file;
    }

    /**
     * Copies every complete line written since the last call.
     *
     * @param out where to.
     */
    void copyNewLines(final Consumer<String> out)
    {
        final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            int read;
            while ((read = channel.read(chunk.clear(), position)) > 0)
            {
                position += read;
                for (int i = 0; i < read; i++)
                {
                    final byte b = chunk.get(i);
                    if (b == '\n')
                    {
                        out.accept(partial.toString(StandardCharsets.UTF_8));
                        partial.reset();
                    }
                    else
                    {
                        partial.write(b);
                    }
                }
            }
        }
        catch (final NoSuchFileException ex)
        {
            // Not created yet, or removed: nothing to copy.
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read child log " + file, ex);
        }
    }

    /**
     * Copies what is left once the child has exited, including a last line without a line break.
     *
     * @param out where to.
     */
    void copyRest(final Consumer<String> out)
    {
        copyNewLines(out);
        if (partial.size() > 0)
        {
            out.accept(partial.toString(StandardCharsets.UTF_8));
            partial.reset();
        }
    }
}

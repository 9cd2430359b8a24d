package dev.shmem.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts the inputs of a {@code map} into chunk messages: at most {@code chunksize} inputs each, and never more
 * than fit one message.
 */
final class MapChunks
{
    private MapChunks()
    {
    }

    /**
     * @param inputs          the inputs.
     * @param chunksize       most inputs per chunk.
     * @param encoder         the pool's codec.
     * @param taskClass       the task class name.
     * @param maxMessageBytes the pool's message size.
     * @return the frames of encoded inputs, one per chunk, in input order.
     * @throws IllegalArgumentException if an input cannot be encoded or does not fit a message alone.
     */
    static List<byte[]> frames(final Collection<?> inputs, final int chunksize, final Function<Object, byte[]> encoder,
        final String taskClass, final int maxMessageBytes)
    {
        final long room = maxMessageBytes - PoolProtocol.taskSize(4, taskClass);
        final List<byte[]> frames = new ArrayList<>();
        List<byte[]> chunk = new ArrayList<>(Math.min(chunksize, inputs.size()));
        long chunkBytes = 0;
        for (final Object input : inputs)
        {
            final byte[] encoded = encoder.apply(input);
            final int framed = PoolProtocol.framedSize(encoded.length);
            if (framed > room)
            {
                throw new IllegalArgumentException("input of " + encoded.length + " encoded bytes does not fit the " +
                    "pool's messages of " + maxMessageBytes + " bytes (Builder.maxMessageBytes)");
            }
            if (!chunk.isEmpty() && (chunk.size() == chunksize || chunkBytes + framed > room))
            {
                frames.add(PoolProtocol.frame(chunk));
                chunk = new ArrayList<>(Math.min(chunksize, inputs.size()));
                chunkBytes = 0;
            }
            chunk.add(encoded);
            chunkBytes += framed;
        }
        if (!chunk.isEmpty())
        {
            frames.add(PoolProtocol.frame(chunk));
        }
        return frames;
    }
}

package dev.shmem.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * One pool's {@code map}: cuts the inputs into chunks ({@link MapChunks}), queues them, waits for all of them in
 * the caller's thread (one wake-up, the last chunk's), decodes the results there, and cancels what is left when
 * it gives up (a failure, a timeout, an interrupt).
 */
final class MapCall
{
    private final JobBook book;
    private final Function<Object, byte[]> encoder;
    private final Function<byte[], Object> decoder;
    private final int maxMessageBytes;

    MapCall(final JobBook book, final Function<Object, byte[]> encoder, final Function<byte[], Object> decoder,
        final int maxMessageBytes)
    {
        this.book = book;
        this.encoder = encoder;
        this.decoder = decoder;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * @param task         the task class.
     * @param inputs       the inputs.
     * @param chunksize    most inputs per chunk, at least 1.
     * @param timeoutNanos longest wait, {@code Long.MAX_VALUE} for none.
     * @param <I>          input type.
     * @param <O>          result type.
     * @return the results in input order.
     */
    <I, O> List<O> map(final Class<? extends PoolTask<I, O>> task, final Collection<? extends I> inputs,
        final int chunksize, final long timeoutNanos) throws InterruptedException, TimeoutException
    {
        Objects.requireNonNull(task, "task");
        if (chunksize < 1)
        {
            throw new IllegalArgumentException("chunksize " + chunksize + " must be at least 1");
        }
        final long start = System.nanoTime();
        final List<byte[]> frames = MapChunks.frames(inputs, chunksize, encoder, task.getName(),
            maxMessageBytes);
        final List<Job> chunks = new ArrayList<>(frames.size());
        synchronized (book)
        {
            for (final byte[] frame : frames)
            {
                chunks.add(book.add(task.getName(), PoolProtocol.CHUNK, frame));
            }
        }
        final List<O> outputs = new ArrayList<>(inputs.size());
        int done = 0;
        try
        {
            // One wake-up for the whole map (the last chunk's), not one per chunk.
            awaitAll(chunks, timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE :
                timeoutNanos - (System.nanoTime() - start));
            for (final Job chunk : chunks)
            {
                for (final byte[] encoded : PoolProtocol.unframe(await(chunk.payload, 0)))
                {
                    outputs.add(this.<O>decode(encoded));
                }
                done++;
            }
            return outputs;
        }
        catch (final TimeoutException ex)
        {
            final long finished = chunks.stream().filter(chunk -> chunk.payload.isDone()).count();
            final TimeoutException timeout = new TimeoutException("map of " + inputs.size() + " inputs (" +
                task.getName() + ") did not finish within " + Duration.ofNanos(timeoutNanos) + ": " + finished +
                " of " + chunks.size() + " chunks done; the others were cancelled");
            timeout.initCause(ex);
            throw timeout;
        }
        finally
        {
            if (done < chunks.size())
            {
                cancel(chunks.subList(done, chunks.size()));
            }
        }
    }

    private void cancel(final List<Job> jobs)
    {
        final List<Runnable> cancelled = new ArrayList<>();
        synchronized (book)
        {
            for (final Job job : jobs)
            {
                if (!job.payload.isDone() && book.get(job.id) == job)
                {
                    cancelled.add(book.fail(job, new TaskFailedException(TaskFailedException.Reason.POOL_SHUT_DOWN,
                        "task " + job.describe() + " cancelled", 0, null, null)));
                }
            }
            book.closeIfDone();
        }
        PoolDispatcher.run(cancelled);
    }

    @SuppressWarnings("unchecked")
    private <O> O decode(final byte[] encoded)
    {
        return (O)decoder.apply(encoded);
    }

    private static void awaitAll(final List<Job> chunks, final long timeoutNanos)
        throws InterruptedException, TimeoutException
    {
        final CompletableFuture<?>[] all = new CompletableFuture<?>[chunks.size()];
        for (int i = 0; i < all.length; i++)
        {
            all[i] = chunks.get(i).payload;
        }
        try
        {
            if (timeoutNanos == Long.MAX_VALUE)
            {
                CompletableFuture.allOf(all).get();
            }
            else
            {
                CompletableFuture.allOf(all).get(timeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
        catch (final ExecutionException ex)
        {
            // A chunk failed: reported in input order by the loop that reads them.
        }
    }

    private static byte[] await(final CompletableFuture<byte[]> future, final long timeoutNanos)
        throws InterruptedException, TimeoutException
    {
        try
        {
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        }
        catch (final ExecutionException ex)
        {
            if (ex.getCause() instanceof TaskFailedException)
            {
                throw (TaskFailedException)ex.getCause();
            }
            throw new IllegalStateException("task failed", ex.getCause());
        }
    }
}

package dev.shmem.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The future {@link JvmPool#submit} returns: completed with the decoded result on one of the pool's completion
 * threads, never on the dispatcher, so its dependent stages may block. A thread waiting in {@link #get()} does not
 * wait for that hand-over: it waits for the raw result itself and completes the future in its own thread
 * (whichever of the two comes first completes it; the other finds it done).
 *
 * @param <O> result type.
 */
final class PoolFuture<O> extends CompletableFuture<O>
{
    private final CompletableFuture<byte[]> payload;
    private final Function<byte[], O> decoder;

    private PoolFuture(final CompletableFuture<byte[]> payload, final Function<byte[], O> decoder)
    {
        this.payload = payload;
        this.decoder = decoder;
    }

    /**
     * @param payload     the job's raw result, completed by the dispatcher.
     * @param decoder     decodes it (throws {@link TaskFailedException} if it cannot).
     * @param completions the pool's completion threads.
     * @param <O>         result type.
     * @return the future, completed on {@code completions} when the payload is.
     */
    static <O> PoolFuture<O> of(final CompletableFuture<byte[]> payload, final Function<byte[], O> decoder,
        final Executor completions)
    {
        final PoolFuture<O> future = new PoolFuture<>(payload, decoder);
        payload.whenCompleteAsync((bytes, error) -> future.settle(), completions);
        return future;
    }

    @Override
    public O get() throws InterruptedException, ExecutionException
    {
        if (!isDone())
        {
            awaitPayload();
            settle();
        }
        return super.get();
    }

    @Override
    public O get(final long timeout, final TimeUnit unit) throws InterruptedException, ExecutionException,
        TimeoutException
    {
        if (!isDone())
        {
            try
            {
                payload.get(timeout, unit);
            }
            catch (final ExecutionException ex)
            {
                // Settled below.
            }
            settle();
        }
        return super.get();
    }

    @Override
    public O join()
    {
        if (!isDone())
        {
            payload.exceptionally(error -> null).join();
            settle();
        }
        return super.join();
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture()
    {
        return new CompletableFuture<>();
    }

    private void awaitPayload() throws InterruptedException
    {
        try
        {
            payload.get();
        }
        catch (final ExecutionException ex)
        {
            // Settled by the caller.
        }
    }

    /** Completes this future from the payload, once it is done; idempotent. */
    private void settle()
    {
        if (isDone() || !payload.isDone())
        {
            return;
        }
        final byte[] bytes;
        try
        {
            bytes = payload.join();
        }
        catch (final RuntimeException ex)
        {
            completeExceptionally(ex.getCause() != null ? ex.getCause() : ex);
            return;
        }
        try
        {
            complete(decoder.apply(bytes));
        }
        catch (final TaskFailedException ex)
        {
            completeExceptionally(ex);
        }
    }
}

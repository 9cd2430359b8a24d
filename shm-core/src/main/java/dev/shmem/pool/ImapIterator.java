package dev.shmem.pool;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The iterator of {@link JvmPool#imap}: submits inputs as results are consumed, at most {@code window} ahead,
 * and returns results in input order.
 *
 * @param <I> input type.
 * @param <O> result type.
 */
final class ImapIterator<I, O> implements Iterator<O>
{
    private final Iterator<? extends I> source;
    private final int window;
    private final Function<I, CompletableFuture<O>> submit;
    private final Deque<CompletableFuture<O>> ahead = new ArrayDeque<>();

    ImapIterator(final Iterator<? extends I> source, final int window, final Function<I, CompletableFuture<O>> submit)
    {
        this.source = source;
        this.window = window;
        this.submit = submit;
    }

    @Override
    public boolean hasNext()
    {
        fill();
        return !ahead.isEmpty();
    }

    @Override
    public O next()
    {
        fill();
        if (ahead.isEmpty())
        {
            throw new NoSuchElementException();
        }
        try
        {
            return ahead.removeFirst().get();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a result", ex);
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

    private void fill()
    {
        while (ahead.size() < window && source.hasNext())
        {
            ahead.addLast(submit.apply(source.next()));
        }
    }
}

package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What every backend-neutral conformance suite starts from: a fresh space per test from the subclass's
 * {@link #newFixture()}, and a second thread to act as "another" caller.
 */
public abstract class SpaceConformance
{
    /** The fixture of the running test. */
    protected SpaceFixture fixture;
    /** The space under test. */
    protected SharedSpace space;
    /** A single other thread. */
    protected ExecutorService other;

    /**
     * @return a fresh, empty space of the backend under test.
     * @throws Exception if it cannot be made.
     */
    protected abstract SpaceFixture newFixture() throws Exception;

    @BeforeEach
    void openSpace() throws Exception
    {
        fixture = newFixture();
        space = fixture.space();
        other = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void closeSpace()
    {
        other.shutdownNow();
        fixture.close();
    }

    /**
     * @param mappedCount an operation count written for the mapped backend.
     * @return the count for the backend under test.
     */
    protected int scaled(final int mappedCount)
    {
        return Math.max(1, fixture.scaled(mappedCount));
    }

    /** A body run by each of several threads. */
    @FunctionalInterface
    public interface Body
    {
        void run() throws Exception;
    }

    /**
     * Runs {@code body} in {@code threads} threads at once and waits for all of them.
     *
     * @throws Exception the first failure of a thread (wrapped in an {@code ExecutionException}).
     */
    protected static void concurrently(final int threads, final Body body) throws Exception
    {
        final ExecutorService pool = Executors.newFixedThreadPool(threads);
        try
        {
            final List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++)
            {
                done.add(pool.submit(() ->
                {
                    body.run();
                    return null;
                }));
            }
            for (final Future<?> f : done)
            {
                f.get();
            }
        }
        finally
        {
            pool.shutdownNow();
        }
    }
}

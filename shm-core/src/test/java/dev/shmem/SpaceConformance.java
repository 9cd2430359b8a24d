package dev.shmem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
}

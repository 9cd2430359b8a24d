package dev.shmem.stress;

import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.RegionFiles;

import dev.shmem.SharedRegion;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.RegionFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A region whose names are handed out by {@link FreshNames}; retired when it is sealed (no more names from it)
 * and every name handed out has been released.
 */
final class FreshRegion
{
    private final SharedRegion region;
    /** Unreleased names, plus one while the region still hands out names. */
    private final AtomicInteger holds = new AtomicInteger(1);
    private Attachment internal;

    FreshRegion(final SharedRegion region)
    {
        this.region = region;
    }

    SharedRegion region()
    {
        return region;
    }

    void lease()
    {
        holds.incrementAndGet();
    }

    void seal()
    {
        drop();
    }

    void released()
    {
        drop();
    }

    /**
     * @return this JVM's attachment to the region, for the tests that must reach the directory directly.
     */
    synchronized Attachment internal()
    {
        if (internal == null)
        {
            try
            {
                // A second mapping joins this JVM's attachment of the file: the attachment's region is the mapping
                // the SharedRegion uses, so both see the same directory. The extra mapping is dropped.
                internal = Attachment.attach(RegionFiles.open(region.path(), Duration.ofSeconds(5), false));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot reopen " + region.path(), ex);
            }
        }
        return internal;
    }

    private void drop()
    {
        // The decrement that reaches 0 comes after every release (each at the end of an arbiter) and the seal:
        // nothing uses the region any more, so it is closed and its file deleted.
        if (holds.decrementAndGet() == 0)
        {
            synchronized (this)
            {
                if (internal != null)
                {
                    internal.release();
                    internal = null;
                }
            }
            StressRegions.retire(region);
        }
    }
}

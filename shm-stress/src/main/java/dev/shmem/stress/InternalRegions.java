package dev.shmem.stress;

import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.RegionFiles;

import dev.shmem.SharedRegion;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.RegionFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's {@code dev.shmem.internal.region.Attachment} to a pool region, for the few tests that must reach an entry's
 * words directly (to plant a dead owner in a lock). Pool regions live as long as the JVM, so the attachments are
 * kept; never use this for a region that is closed before the JVM exits.
 */
final class InternalRegions
{
    private static final Map<Path, Attachment> ATTACHMENTS = new ConcurrentHashMap<>();

    private InternalRegions()
    {
    }

    /**
     * @param region an open pool region.
     * @return this JVM's attachment to it: the same mapping and process slot as {@code region}'s.
     */
    static Attachment of(final SharedRegion region)
    {
        return ATTACHMENTS.computeIfAbsent(region.path(), path ->
        {
            try
            {
                // A second mapping joins this JVM's attachment of the file (the same mapping and process slot as
                // the SharedRegion's); the extra mapping itself is dropped.
                return Attachment.attach(RegionFiles.open(path, Duration.ofSeconds(5), false));
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot reopen " + path, ex);
            }
        });
    }

    /**
     * @param region an open pool region.
     * @param name   an existing entry's name.
     * @return its directory record.
     * @throws IllegalStateException if there is no such entry.
     */
    static EntryRecord entry(final SharedRegion region, final String name)
    {
        final EntryRecord[] found = new EntryRecord[1];
        of(region).region().directory().forEach(entry ->
        {
            if (entry.name().equals(name))
            {
                found[0] = entry;
            }
        });
        if (found[0] == null)
        {
            throw new IllegalStateException("no entry '" + name + "' in " + region.path());
        }
        return found[0];
    }
}

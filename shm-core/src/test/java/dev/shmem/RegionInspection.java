package dev.shmem;

import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionFiles;


import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: a read-only look at a region file through the internal API, without attaching.
 */
final class RegionInspection
{
    private RegionInspection()
    {
    }

    static List<Long> attachedPids(final Path path) throws IOException
    {
        final MappedRegion region = RegionFiles.open(path, Duration.ZERO, true);
        final List<Long> pids = new ArrayList<>();
        for (int slot = 0; slot < region.processes().slots(); slot++)
        {
            final long pid = region.processes().pidAt(slot);
            if (pid != 0)
            {
                pids.add(pid);
            }
        }
        return pids;
    }
}

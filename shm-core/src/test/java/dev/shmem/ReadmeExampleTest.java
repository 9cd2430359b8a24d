package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The example at the top of README.md, verbatim between the markers, so that it always compiles and runs.
 */
class ReadmeExampleTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void readmeExampleRuns() throws IOException, InterruptedException
    {
        final Path file = dir.resolve("demo.shm");
        // README example start
        try (SharedRegion region = SharedRegion.openOrCreate(file, 1 << 20)) {
            SharedLong hits = region.longValue("hits");            // get-or-create by name, starts at 0
            SharedLock lock = region.lock("hits.lock");            // a java.util.concurrent.locks.Lock
            SharedSemaphore slots = region.semaphore("slots", 4);  // permits used only when created
            SharedDoubleArray xs = region.doubleArray("xs", 1024); // length must match when it exists
            hits.incrementAndGet();                                // lock-free, exact across processes
            slots.acquire();
            try {
                lock.lock(); try { xs.set(0, xs.get(0) + 1.0); } finally { lock.unlock(); }
            } finally {
                slots.release();
            }
        }
        // README example end
        try (SharedRegion region = SharedRegion.open(file))
        {
            assertEquals(1, region.longValue("hits").get());
            assertEquals(1.0, region.doubleArray("xs", 1024).get(0));
            assertEquals(4, region.semaphore("slots", 4).availablePermits());
        }
    }
}

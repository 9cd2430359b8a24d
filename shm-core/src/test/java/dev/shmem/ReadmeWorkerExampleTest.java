package dev.shmem;

import dev.shmem.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The child JVM example of README.md's "Use it in your project", verbatim between the markers (with the region
 * file in a temporary directory instead of {@code /dev/shm/demo.shm}), so that it always compiles and runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadmeWorkerExampleTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    // README worker start
    public static final class Worker {                       // the child: any class with a public static main
        public static void main(String[] args) throws IOException {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0]))) {
                SharedLong hits = region.longValue("hits");
                for (int i = 0; i < Integer.parseInt(args[1]); i++) {
                    hits.incrementAndGet();
                }
            }                                         // an uncaught exception here reaches the parent's awaitSuccess
        }
    }
    // README worker end

    @Test
    void readmeWorkerExampleRuns() throws IOException, InterruptedException
    {
        final long[] printed = new long[1];
        // README parent start
        Path file = dir.resolve("demo.shm");
        try (SharedRegion region = SharedRegion.openOrCreate(file, 1 << 20);
             ChildJvm a = ChildJvm.start(Worker.class, file.toString(), "1000");
             ChildJvm b = ChildJvm.start(Worker.class, file.toString(), "1000")) {
            a.awaitSuccess(Duration.ofSeconds(30));       // throws ChildJvmException with the child's stack trace
            b.awaitSuccess(Duration.ofSeconds(30));
            printed[0] = region.longValue("hits").get();   // README: System.out.println(...)   // 2000
        }
        // README parent end
        assertEquals(2000, printed[0]);
    }
}

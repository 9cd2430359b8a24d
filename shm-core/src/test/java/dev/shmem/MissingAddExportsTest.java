package dev.shmem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM started without {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} is told the flag (and the
 * manifest line) by the first region factory it calls, instead of Agrona's raw {@code IllegalAccessError}. The
 * child is started with {@link ProcessBuilder} directly: {@code ChildJvm} would pass the flag on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MissingAddExportsTest
{
    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void aJvmWithoutTheFlagIsToldTheFlagAndTheManifestLine() throws Exception
    {
        final Path path = dir.resolve("r.shm");
        final Process child = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            OpenWithoutFlag.class.getName(), path.toString())
            .redirectErrorStream(true)
            .start();
        final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child did not exit: " + output);

        assertEquals(OpenWithoutFlag.TOLD_THE_FLAG, child.exitValue(), output);
        assertTrue(output.contains("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED"), output);
        assertTrue(output.contains("Add-Exports: java.base/jdk.internal.misc"), output);
        assertTrue(output.contains("cause: java.lang.IllegalAccessError"), output);
        assertFalse(Files.exists(path), "no file is created before the check");
    }

    @Test
    void aJvmWithTheFlagOpensTheRegion() throws IOException
    {
        // This JVM has the flag (surefire's argLine): the check passes, on every call.
        try (SharedRegion region = SharedRegion.create(dir.resolve("r.shm"), 1 << 16))
        {
            assertEquals(1, region.longValue("n").incrementAndGet());
        }
        try (SharedRegion region = SharedRegion.open(dir.resolve("r.shm")))
        {
            assertEquals(1, region.longValue("n").get());
        }
    }

    /** Child main: creates a region, reports what the factory threw; run twice to see the check repeats. */
    public static final class OpenWithoutFlag
    {
        static final int TOLD_THE_FLAG = 3;

        public static void main(final String[] args) throws IOException
        {
            int told = 0;
            for (int attempt = 0; attempt < 2; attempt++)
            {
                try (SharedRegion region = SharedRegion.create(Path.of(args[0]), 1 << 16))
                {
                    System.out.println("opened " + region.path());
                }
                catch (final IllegalStateException expected)
                {
                    System.out.println("message: " + expected.getMessage());
                    System.out.println("cause: " + expected.getCause());
                    told++;
                }
            }
            System.exit(told == 2 ? TOLD_THE_FLAG : 0);
        }
    }
}

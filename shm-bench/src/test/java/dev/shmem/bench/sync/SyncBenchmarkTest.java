package dev.shmem.bench.sync;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A smoke run of {@link SyncBenchmark}: real child JVMs, a few hundred round trips, Python included when present.
 */
class SyncBenchmarkTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aShortRunPrintsEveryRow()
    {
        final PrintStream stdout = System.out;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final int status;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            status = new CommandLine(new SyncBenchmark()).execute("--parties", "2", "--round-trips", "300",
                "--warmup", "50", "--dir", dir.toString());
        }
        finally
        {
            System.setOut(stdout);
        }
        final String out = captured.toString(StandardCharsets.UTF_8);
        stdout.print(out);
        assertEquals(0, status, out);
        assertTrue(out.matches("(?s).*barrier, 2 parties +\\d+ +\\d+ .*"), out);
        assertTrue(out.matches("(?s).*condition ping-pong, 2 sides +\\d+ +\\d+ .*"), out);
    }
}

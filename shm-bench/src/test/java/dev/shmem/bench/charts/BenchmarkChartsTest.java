package dev.shmem.bench.charts;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarkChartsTest
{
    private static final String RUNNER = "{\"settings\":{\"processes\":2},\"scenarios\":[" +
        "{\"name\":\"atomic\",\"status\":\"ok\",\"opsPerSecond\":4.7e7}," +
        "{\"name\":\"raw\",\"status\":\"ok\",\"opsPerSecond\":4.5e7}," +
        "{\"name\":\"locked\",\"status\":\"ok\",\"opsPerSecond\":9.6e6}," +
        "{\"name\":\"python.value_lock\",\"status\":\"ok\",\"opsPerSecond\":1.1e6}," +
        "{\"name\":\"filelock\",\"status\":\"ok\",\"opsPerSecond\":9.5e5}," +
        "{\"name\":\"queue8\",\"status\":\"ok\",\"opsPerSecond\":1.6e7}," +
        "{\"name\":\"python.queue8\",\"status\":\"skipped\",\"message\":\"no python3\"}]}";
    private static final String POOL = "{\"settings\":{\"workers\":2}," +
        "\"jvmPool\":{\"roundTripsPerSecond\":13078,\"mapTasksPerSecond\":767968,\"mapChunk1TasksPerSecond\":767968}," +
        "\"python\":null}";

    @TempDir
    Path dir;

    @Test
    void drawsBothChartsAsPngFilesFromTheJson() throws IOException
    {
        final Path runner = Files.writeString(dir.resolve("runner.json"), RUNNER);
        final Path pool = Files.writeString(dir.resolve("pool.json"), POOL);
        assertEquals(0, BenchmarkCharts.execute("--runner", runner.toString(), "--pool", pool.toString(),
            "--out", dir.resolve("charts").toString()));
        for (final String name : new String[]{ "runner.png", "pool.png" })
        {
            final BufferedImage image = ImageIO.read(dir.resolve("charts").resolve(name).toFile());
            assertEquals(1100, image.getWidth(), name);
            assertEquals(600, image.getHeight(), name);
        }
    }

    @Test
    void onlyImplementationsThatWereMeasuredGetASeries() throws IOException
    {
        final CategoryChart runner = BenchmarkCharts.runnerChart(new ObjectMapper().readTree(RUNNER));
        assertEquals(java.util.Set.of("shm", "Python multiprocessing", "FileChannel.lock",
            "Agrona getAndAddLong (hardware limit)"), runner.getSeriesMap().keySet());
        final CategoryChart pool = BenchmarkCharts.poolChart(new ObjectMapper().readTree(POOL));
        assertEquals(java.util.Set.of("shm JvmPool"), pool.getSeriesMap().keySet(), "Python was not run");
        assertTrue(runner.getStyler().isYAxisLogarithmic());
    }

    @Test
    void jmhResultsGiveAChartPerClassWithASeriesPerMethodFamily() throws IOException
    {
        final String jmh = "[" +
            "{\"benchmark\":\"dev.shmem.bench.jmh.IncrementBenchmark.sharedLong1\",\"primaryMetric\":{\"score\":202.3,\"scoreUnit\":\"ops/us\"}}," +
            "{\"benchmark\":\"dev.shmem.bench.jmh.IncrementBenchmark.sharedLong2\",\"primaryMetric\":{\"score\":131.3,\"scoreUnit\":\"ops/us\"}}," +
            "{\"benchmark\":\"dev.shmem.bench.jmh.IncrementBenchmark.atomicLong1\",\"primaryMetric\":{\"score\":194.0,\"scoreUnit\":\"ops/us\"}}," +
            "{\"benchmark\":\"dev.shmem.bench.jmh.LockBenchmark.sharedLock1\",\"primaryMetric\":{\"score\":64.2,\"scoreUnit\":\"ops/us\"}}]";
        final var charts = BenchmarkCharts.jmhCharts(new ObjectMapper().readTree(jmh));
        assertEquals(java.util.List.of("IncrementBenchmark", "LockBenchmark"), java.util.List.copyOf(charts.keySet()));
        assertEquals(java.util.Set.of("sharedLong", "atomicLong"), charts.get("IncrementBenchmark").getSeriesMap().keySet());
        final Path file = Files.writeString(dir.resolve("jmh.json"), jmh);
        assertEquals(0, BenchmarkCharts.execute("--jmh", file.toString(), "--out", dir.toString()));
        assertEquals(1100, ImageIO.read(dir.resolve("jmh-LockBenchmark.png").toFile()).getWidth());
    }

    @Test
    void noInputIsBadUsage()
    {
        assertEquals(2, BenchmarkCharts.execute());
    }
}

package dev.shmem.bench.pool;

/**
 * What one side (shm's {@code JvmPool} or Python's {@code multiprocessing.Pool}) measured; NaN where a figure
 * does not apply or was not measured.
 *
 * @param startSeconds          creating the pool until the first result of an empty task.
 * @param roundTripsPerSecond   empty tasks submitted and awaited one after the other.
 * @param roundTripP50Micros    median round trip.
 * @param roundTripP99Micros    99th percentile round trip.
 * @param mapTasksPerSecond     empty tasks per second through {@code map} (Python: its default chunksize).
 * @param mapChunk1TasksPerSecond Python only: {@code map} with {@code chunksize=1}, one message per task as in
 *                              {@code JvmPool}.
 * @param sequentialSeconds     the heavy inputs one after the other in one process (median round).
 * @param parallelSeconds       the heavy inputs through the pool's {@code map} (median round, warm workers).
 * @param coldParallelSeconds   JVM only: the first heavy {@code map}, in workers whose JIT has not seen it.
 * @param longSequentialSeconds JVM only: {@code heavy_task(heavyLongN)} inputs one after the other (median).
 * @param longParallelSeconds   JVM only: the same through {@code map} (median).
 * @param startArchiveMillis    JVM only: median start of a one-worker pool to its first result, with the
 *                              class-data archive.
 * @param startNoArchiveMillis  JVM only: the same without it.
 */
public record PoolFigures(double startSeconds, double roundTripsPerSecond, double roundTripP50Micros,
    double roundTripP99Micros, double mapTasksPerSecond, double mapChunk1TasksPerSecond, double sequentialSeconds,
    double parallelSeconds, double coldParallelSeconds, double longSequentialSeconds, double longParallelSeconds,
    double startArchiveMillis, double startNoArchiveMillis)
{
    /**
     * @return the long heavy map's speedup (NaN if not measured).
     */
    public double longSpeedup()
    {
        return longSequentialSeconds / longParallelSeconds;
    }

    /**
     * @return sequential time over parallel time.
     */
    public double speedup()
    {
        return sequentialSeconds / parallelSeconds;
    }
}

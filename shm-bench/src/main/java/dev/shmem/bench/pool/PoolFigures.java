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
 */
public record PoolFigures(double startSeconds, double roundTripsPerSecond, double roundTripP50Micros,
    double roundTripP99Micros, double mapTasksPerSecond, double mapChunk1TasksPerSecond, double sequentialSeconds,
    double parallelSeconds, double coldParallelSeconds)
{
    /**
     * @return sequential time over parallel time.
     */
    public double speedup()
    {
        return sequentialSeconds / parallelSeconds;
    }
}

package dev.shmem.demo.sync;

import dev.shmem.SharedBarrier;
import dev.shmem.SharedIntArray;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A worker of the {@code barrier} demo: {@code BarrierWorker REGION INDEX WORKERS PHASES QUIET TIMEOUT_MILLIS}.
 * For each phase: records it in {@code done[INDEX]}, waits at the barrier, then checks every worker's record
 * reached the phase (counting a miss in {@code ahead}); the last to arrive counts the trip.
 */
public final class BarrierWorker
{
    private BarrierWorker()
    {
    }

    /**
     * @param args region, index, workers, phases, quiet, longest wait in ms.
     * @throws Exception if the region cannot be opened, the barrier breaks or times out, or interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        final int index = Integer.parseInt(args[1]);
        final int workers = Integer.parseInt(args[2]);
        final int phases = Integer.parseInt(args[3]);
        final boolean quiet = Boolean.parseBoolean(args[4]);
        final long timeoutMillis = Long.parseLong(args[5]);
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedBarrier barrier = region.barrier(BarrierCommand.BARRIER, workers);
            final SharedIntArray done = region.intArray(BarrierCommand.DONE, workers);
            for (int phase = 1; phase <= phases; phase++)
            {
                if (!quiet)
                {
                    System.out.println("Worker " + index + ": phase " + phase + " done, waiting for the others");
                }
                if (phase == 2)
                {
                    Faults.failIfRequested("in phase 2");
                }
                done.set(index, phase);
                final int arrival = barrier.await(timeoutMillis, TimeUnit.MILLISECONDS);
                if (arrival == 0)
                {
                    region.intValue(BarrierCommand.TRIPS).incrementAndGet();
                }
                for (int other = 0; other < workers; other++)
                {
                    if (done.get(other) < phase)
                    {
                        region.intValue(BarrierCommand.AHEAD).incrementAndGet();
                    }
                }
            }
        }
    }
}

package dev.shmem.internal.liveness;

import org.agrona.concurrent.UnsafeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;

/**
 * Attach and detach cost with 1, 64 and 512 processes already attached (issue 21), through the process table's
 * test hook: this JVM's own attachments stand for the attached processes (512 real JVMs would need about 25 GB
 * here), so each is live, and liveness of a live other process (a {@code /proc} read) is measured separately by
 * the dead-slot case. Times are this thread's CPU time.
 *
 * <p>Run (after {@code ./mvnw -pl shm-core test-compile}): {@code java -cp
 * shm-core/target/classes:shm-core/target/test-classes:AGRONA_JAR --add-exports
 * java.base/jdk.internal.misc=ALL-UNNAMED dev.shmem.internal.liveness.ProcessTableScale}
 */
public final class ProcessTableScale
{
    private static final int SLOTS = 1024;
    private static final int PAIRS = 200_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ProcessTableScale()
    {
    }

    public static void main(final String[] args)
    {
        System.out.println("attached\tattach+detach ns (free slot)\tattach ns (table full of dead processes)");
        for (int round = 0; round < 2; round++)
        {
            for (final int attached : new int[]{ 1, 64, 512 })
            {
                final String line = attached + "\t" + Math.round(freeSlot(attached)) + "\t" +
                    Math.round(deadSlot(attached));
                if (round == 1)
                {
                    System.out.println(line);
                }
            }
        }
    }

    private static double freeSlot(final int attached)
    {
        final ProcessTable table = table();
        for (int i = 0; i < attached; i++)
        {
            table.attach();
        }
        final long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < PAIRS; i++)
        {
            table.detach(table.attach());
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / (double)PAIRS;
    }

    /** A table whose slots all name dead processes: the attach must find one dead (a liveness check) to reclaim. */
    private static double deadSlot(final int attached)
    {
        final int slots = attached;
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(slots * ProcessTableDescriptor.SLOT_LENGTH));
        final ProcessTable table = new ProcessTable(buffer, 0, slots);
        final int rounds = 2_000;
        long total = 0;
        for (int r = 0; r < rounds; r++)
        {
            for (int s = 0; s < slots; s++)
            {
                buffer.putLong(ProcessTableDescriptor.slotOffset(s) + ProcessTableDescriptor.PID_OFFSET,
                    4_000_000_000L + s);
            }
            final long start = THREADS.getCurrentThreadCpuTime();
            table.attach();
            total += THREADS.getCurrentThreadCpuTime() - start;
        }
        return total / (double)rounds;
    }

    private static ProcessTable table()
    {
        return new ProcessTable(
            new UnsafeBuffer(ByteBuffer.allocateDirect(SLOTS * ProcessTableDescriptor.SLOT_LENGTH)), 0, SLOTS);
    }
}

package dev.shmem.demo.counter;

import dev.shmem.SharedLong;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedSpace;

/**
 * The entries that coordinate one mode of a race between the parent and its children:
 * <ul>
 *   <li>{@code race.MODE.go}: 0 until the parent gives the start signal, then 1;</li>
 *   <li>{@code race.MODE.progress}: per child, on its own pair of cache lines, element {@code 0} the increments
 *       done so far and element {@code 1} a ready flag, written only by that child.</li>
 * </ul>
 * A child sets its ready flag, waits for {@code go}, then publishes its progress every {@link #BATCH} increments;
 * it has finished when its progress equals the increments asked for. The parent polls the progress array to
 * print progress and to see the end.
 *
 * <h2>Memory consistency effects</h2>
 * Progress and the ready flag are written with release semantics and read with volatile reads, so when the
 * parent sees a child's final progress, every write the child made to the mode's counters before it is visible to
 * the parent. {@code go} is a volatile write the children read with acquire semantics.
 */
public final class RaceControl
{
    /** Increments between two progress updates. */
    public static final int BATCH = 1024;

    private static final int PROGRESS = 0;
    private static final int READY = 1;

    private final String mode;
    private final int processes;
    private final SharedLong go;
    private final SharedLongArray progress;

    private RaceControl(final String mode, final int processes, final SharedLong go, final SharedLongArray progress)
    {
        this.mode = mode;
        this.processes = processes;
        this.go = go;
        this.progress = progress;
    }

    /**
     * Gets or creates the control entries of a mode.
     *
     * @param region    the race's region.
     * @param mode      the mode's name.
     * @param processes number of children.
     * @return the control.
     */
    public static RaceControl of(final SharedSpace region, final String mode, final int processes)
    {
        return new RaceControl(mode, processes,
            region.longValue("race." + mode + ".go"),
            region.longArray("race." + mode + ".progress", processes * ShardedIncrement.STRIDE));
    }

    /**
     * @return the mode's name.
     */
    public String mode()
    {
        return mode;
    }

    /**
     * Child: announces it is ready and waits for the start signal.
     *
     * @param index the child's index.
     */
    public void markReady(final int index)
    {
        // Release: pairs with the parent's volatile read in readyCount().
        progress.setRelease(index * ShardedIncrement.STRIDE + READY, 1);
    }

    /**
     * @return the number of children that have set their ready flag.
     */
    public int readyCount()
    {
        int ready = 0;
        for (int i = 0; i < processes; i++)
        {
            if (isReady(i))
            {
                ready++;
            }
        }
        return ready;
    }

    /**
     * @param index a child's index.
     * @return true once that child has set its ready flag.
     */
    public boolean isReady(final int index)
    {
        return progress.get(index * ShardedIncrement.STRIDE + READY) != 0;
    }

    /**
     * Parent: gives the start signal.
     */
    public void start()
    {
        go.set(1);
    }

    /**
     * @return true once the parent has given the start signal.
     */
    public boolean started()
    {
        // Acquire: pairs with the volatile write in start().
        return go.getAcquire() != 0;
    }

    /**
     * Child: publishes how many increments it has done.
     *
     * @param index the child's index.
     * @param done  increments done so far.
     */
    public void publishProgress(final int index, final long done)
    {
        // Release: makes the increments counted here visible to whoever reads this progress (the parent).
        progress.setRelease(index * ShardedIncrement.STRIDE + PROGRESS, done);
    }

    /**
     * @param index a child's index.
     * @return its published progress.
     */
    public long progressOf(final int index)
    {
        return progress.get(index * ShardedIncrement.STRIDE + PROGRESS);
    }

    /**
     * @return the sum of every child's progress.
     */
    public long totalProgress()
    {
        long sum = 0;
        for (int i = 0; i < processes; i++)
        {
            sum += progressOf(i);
        }
        return sum;
    }

    /**
     * @param increments increments each child adds.
     * @return the number of children whose progress has reached it.
     */
    public int finishedCount(final long increments)
    {
        int finished = 0;
        for (int i = 0; i < processes; i++)
        {
            if (progressOf(i) >= increments)
            {
                finished++;
            }
        }
        return finished;
    }
}

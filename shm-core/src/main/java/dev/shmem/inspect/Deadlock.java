package dev.shmem.inspect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A cycle of threads, in one or more processes, each waiting for a lock that the next one holds: none can go on
 * until one of them gives up (a timed wait expiring) or dies. Found by {@link RegionInspector#findDeadlocks()}.
 *
 * @param threads the threads of the cycle, each holding the lock the previous one waits for.
 */
public record Deadlock(List<DeadlockedThread> threads)
{
    /**
     * Copies the list.
     */
    public Deadlock
    {
        threads = List.copyOf(threads);
    }

    /**
     * @return true if some thread of the cycle belongs to a process that is no longer alive (the cycle is then
     * broken as soon as a waiter takes that process's lock over).
     */
    public boolean throughDeadProcess()
    {
        return threads.stream().anyMatch(thread -> !thread.alive());
    }

    /**
     * One thread of a deadlock cycle.
     *
     * @param pid        its process, 0 if the process is gone (its slot released or reused).
     * @param alive      true if its process is running.
     * @param threadId   the low 32 bits of its thread id.
     * @param threadName its name (truncated to 88 UTF-8 bytes).
     * @param holds      the name of the lock it holds that the previous thread of the cycle waits for.
     * @param waitsFor   the name of the lock it waits for.
     * @param since      when it started waiting.
     * @param waited     how long it has waited, at the time of the inspection.
     */
    public record DeadlockedThread(long pid, boolean alive, long threadId, String threadName, String holds,
        String waitsFor, Instant since, Duration waited)
    {
    }
}

package dev.shmem;

import dev.shmem.internal.lock.AbstractMappedLock;
import dev.shmem.internal.lock.MappedSemaphore;
import dev.shmem.internal.queue.MappedQueue;
import dev.shmem.internal.sync.MappedBarrier;
import dev.shmem.internal.sync.MappedCondition;

/**
 * The mapped backend's facts that are not on the backend-neutral interfaces (pids, ledgers, recovery counters),
 * for the tests of the mapped backend.
 */
final class Internals
{
    private Internals()
    {
    }

    static long ownerPid(final RobustLock lock)
    {
        return ((AbstractMappedLock)lock).ownerPid();
    }

    static long lastDeadOwnerPid(final RobustLock lock)
    {
        return ((AbstractMappedLock)lock).lastDeadOwnerPid();
    }

    static int waiters(final RobustLock lock)
    {
        return ((AbstractMappedLock)lock).waiters();
    }

    static long recoveredPermits(final SharedSemaphore semaphore)
    {
        return ((MappedSemaphore)semaphore).recoveredPermits();
    }

    static int heldByThisProcess(final SharedSemaphore semaphore)
    {
        return ((MappedSemaphore)semaphore).heldByThisProcess();
    }

    static int waiters(final SharedSemaphore semaphore)
    {
        return ((MappedSemaphore)semaphore).waiters();
    }

    static long skippedAfterDeadProducers(final SharedQueue queue)
    {
        return ((MappedQueue)queue).skippedAfterDeadProducers();
    }

    static long lostWithDeadConsumers(final SharedQueue queue)
    {
        return ((MappedQueue)queue).lostWithDeadConsumers();
    }

    static boolean recoverAtHead(final SharedQueue queue)
    {
        return ((MappedQueue)queue).recoverAtHead();
    }

    static int waiters(final SharedCondition condition)
    {
        return ((MappedCondition)condition).waiters();
    }

    static long regrants(final SharedCondition condition)
    {
        return ((MappedCondition)condition).regrants();
    }

    static long deadBreaks(final SharedBarrier barrier)
    {
        return ((MappedBarrier)barrier).deadBreaks();
    }
}

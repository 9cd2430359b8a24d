package dev.shmem.stress.semaphores;

import dev.shmem.SharedSemaphore;

/**
 * Brings a pooled semaphore back to its initial permits after a state whose outcome is already recorded, also
 * after a FORBIDDEN one (two holders of one permit leave one permit too many), so that a broken semaphore shows as
 * FORBIDDEN outcomes rather than as the next state's pool reset failing.
 */
final class Permits
{
    private Permits()
    {
    }

    /**
     * @param semaphore a pooled semaphore nobody else uses now.
     * @param initial   its initial permits.
     */
    static void restore(final SharedSemaphore semaphore, final int initial)
    {
        final int available = semaphore.availablePermits();
        if (available > initial)
        {
            semaphore.tryAcquire(available - initial);
        }
        else if (available < initial)
        {
            semaphore.release(initial - available);
        }
    }
}

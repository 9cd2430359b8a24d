package dev.shmem.demo.article;

import dev.shmem.pool.PoolTask;

/**
 * A task that does nothing: returns its input. Timing a pool over many of them measures what the pool costs per
 * task (encoding, two queue hops, decoding, waking the worker and the parent).
 */
public final class EmptyTask implements PoolTask<Long, Long>
{
    @Override
    public Long apply(final Long input)
    {
        return input;
    }
}

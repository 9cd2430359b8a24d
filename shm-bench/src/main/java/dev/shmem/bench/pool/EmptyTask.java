package dev.shmem.bench.pool;

import dev.shmem.pool.PoolTask;

/**
 * The empty task: returns its input. What it costs is the pool's overhead per task (encoding, queues, wake-ups,
 * decoding, completing the future), like Python's {@code pool.apply_async(f, (None,))} of an empty {@code f}.
 */
public final class EmptyTask implements PoolTask<Object, Object>
{
    @Override
    public Object apply(final Object input)
    {
        return input;
    }
}

package dev.shmem.pool;

/**
 * A unit of work that a {@link JvmPool} runs in a child JVM: Python's {@code Pool.map(func, ...)} with the
 * function as a class. The class must be on the class path of the children (the parent's), have a public or
 * package-private no-argument constructor, and be thread-confined (one instance per worker). Its input and result
 * travel through the pool's {@link PoolCodec}.
 *
 * @param <I> input type.
 * @param <O> result type.
 */
@FunctionalInterface
public interface PoolTask<I, O>
{
    /**
     * @param input the input, decoded in the worker.
     * @return the result, encoded back to the parent.
     * @throws Exception any failure; it reaches the caller as a {@link TaskFailedException} with the remote stack
     *                   trace.
     */
    O apply(I input) throws Exception;
}

package dev.shmem.zookeeper;

/**
 * ZooKeeper could not be reached within the space's retry policy, or answered an error that shm cannot recover
 * from. The message names the operation and the entry; whether the operation took effect is stated there when it
 * is known (a value update either happened once or not at all, see {@code docs/GUARANTEES.md}).
 *
 * <p>It is an {@link IllegalStateException} so that code written against {@link dev.shmem.SharedSpace} (whose
 * methods throw no checked exceptions) handles it as it handles a closed space.
 */
public class ZooKeeperException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the entry.
     * @param cause   the Curator or ZooKeeper exception.
     */
    public ZooKeeperException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}

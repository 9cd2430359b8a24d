package dev.shmem.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.util.concurrent.Callable;

/**
 * The calls every primitive makes on ZooKeeper, with one translation of Curator's checked exceptions: a ZooKeeper
 * call is never cut short by an interrupt (the request may already be on the wire, so giving up would leave its
 * outcome unknown); the interrupt status is kept and the caller's own waits honour it.
 */
final class Zk
{
    /** A ZooKeeper call. */
    @FunctionalInterface
    interface Call<T>
    {
        T call() throws Exception;
    }

    private final CuratorFramework client;

    Zk(final CuratorFramework client)
    {
        this.client = client;
    }

    CuratorFramework client()
    {
        return client;
    }

    /**
     * Runs a ZooKeeper call to completion, retrying it when an interrupt cut the client's wait short.
     *
     * @param what what is being done, for the message of a failure.
     * @param call the call.
     * @return its result.
     * @throws ZooKeeperException when ZooKeeper fails it.
     */
    <T> T call(final String what, final Call<T> call)
    {
        boolean interrupted = false;
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    return call.call();
                }
                catch (final InterruptedException ex)
                {
                    // Curator may set the status again as it rethrows: clear it, or the retry fails at once.
                    interrupted = true;
                    Thread.interrupted();
                    if (attempt > 1_000)
                    {
                        throw new ZooKeeperException(what + ": interrupted 1000 times in a row", ex);
                    }
                }
                catch (final RuntimeException ex)
                {
                    throw ex;
                }
                catch (final Exception ex)
                {
                    throw new ZooKeeperException(what + " failed: " + ex, ex);
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @param path a node.
     * @return its data, or null if it does not exist.
     */
    byte[] dataOrNull(final String path, final Stat stat)
    {
        return call("read " + path, () ->
        {
            try
            {
                return client.getData().storingStatIn(stat).forPath(path);
            }
            catch (final KeeperException.NoNodeException absent)
            {
                return null;
            }
        });
    }

    boolean exists(final String path)
    {
        return call("check " + path, () -> client.checkExists().forPath(path) != null);
    }

    /**
     * Creates a persistent node (and its parents) unless it exists.
     *
     * @return true if this call created it.
     */
    boolean createIfAbsent(final String path, final byte[] data)
    {
        return call("create " + path, () ->
        {
            try
            {
                client.create().creatingParentsIfNeeded().forPath(path, data);
                return true;
            }
            catch (final KeeperException.NodeExistsException exists)
            {
                return false;
            }
        });
    }

    /**
     * Deletes a node if it exists.
     *
     * @return true if this call deleted it.
     */
    boolean deleteIfPresent(final String path)
    {
        return call("delete " + path, () ->
        {
            try
            {
                client.delete().forPath(path);
                return true;
            }
            catch (final KeeperException.NoNodeException absent)
            {
                return false;
            }
        });
    }

    /**
     * Makes the connected server catch up with the leader, so that the next read is linearizable.
     */
    void sync(final String path)
    {
        call("sync " + path, () -> client.sync().forPath(path));
    }

    static <T> T unchecked(final Callable<T> call)
    {
        try
        {
            return call.call();
        }
        catch (final RuntimeException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            throw new ZooKeeperException(ex.toString(), ex);
        }
    }
}

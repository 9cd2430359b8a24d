package dev.shmem.zookeeper;

import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.data.Stat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A znode updated only by versioned compare-and-set, exactly once per update even when Curator retries a write
 * after a connection loss. This is {@code DistributedAtomicLong}'s optimistic loop without its silent "not
 * succeeded" result: {@link #update} retries until the update is applied (or throws {@link ZooKeeperException}).
 *
 * <h2>Exactly once</h2>
 * A write whose reply was lost may have been applied; Curator then resends it, and the resend fails on the version.
 * To tell "my write was applied" from "another writer won", each update carries a random 64-bit tag, and the node
 * keeps the tags of its last {@value #TAGS} writes. After a failed write the loop re-reads the node: if its tag
 * is there, the earlier attempt was applied and the loop returns that attempt's result instead of applying the
 * update twice. (If {@value #TAGS} other writes landed in between, the tag is gone and the update may be applied
 * twice: documented in {@code docs/GUARANTEES.md}.)
 *
 * <pre>
 * node data:  | payload length (int) | payload | tag count (int) | tags (long, newest first) |
 * </pre>
 * A node that does not exist reads as {@code absent} (zeros), and the first update creates it.
 */
final class Cell
{
    /** Tags of the most recent writes kept on the node. */
    static final int TAGS = 16;

    /** What an update does with the payload it read. */
    @FunctionalInterface
    interface Update
    {
        /**
         * @param payload the current payload (a copy).
         * @return the change to write, {@link Change#NONE} to write nothing, or {@link Change#RETRY} to read again.
         */
        Change apply(byte[] payload);
    }

    /** A new payload and the operations that must commit in the same transaction. */
    static final class Change
    {
        static final Change NONE = new Change(null, List.of());
        static final Change RETRY = new Change(null, List.of());

        final byte[] payload;
        final List<CuratorOp> alsoCommit;

        Change(final byte[] payload, final List<CuratorOp> alsoCommit)
        {
            this.payload = payload;
            this.alsoCommit = alsoCommit;
        }

        static Change to(final byte[] payload)
        {
            return new Change(payload, List.of());
        }
    }

    private final Zk zk;
    private final String path;
    private final byte[] absent;

    /**
     * @param zk     the calls.
     * @param path   the node (its parent must exist).
     * @param absent the payload of a node not yet created.
     */
    Cell(final Zk zk, final String path, final byte[] absent)
    {
        this.zk = zk;
        this.path = path;
        this.absent = absent.clone();
    }

    String path()
    {
        return path;
    }

    /**
     * @param linearizable true to sync the connected server with the leader first.
     * @return the payload now.
     */
    byte[] read(final boolean linearizable)
    {
        if (linearizable)
        {
            zk.sync(path);
        }
        final byte[] raw = zk.dataOrNull(path, new Stat());
        return raw == null ? absent.clone() : payloadOf(raw);
    }

    /**
     * Reads the payload and leaves a watch that fires on its next change (or creation).
     *
     * @param watcher called once on the next change.
     * @return the payload now.
     */
    byte[] readWatched(final Watcher watcher)
    {
        final byte[] raw = zk.call("watch " + path, () ->
        {
            try
            {
                return zk.client().getData().usingWatcher(watcher).forPath(path);
            }
            catch (final KeeperException.NoNodeException absentNode)
            {
                zk.client().checkExists().usingWatcher(watcher).forPath(path);
                return null;
            }
        });
        return raw == null ? absent.clone() : payloadOf(raw);
    }

    /**
     * Applies {@code update} exactly once, retrying on conflicting writes.
     *
     * @param update what to do with the payload.
     * @return the payload the applied change replaced, or the payload that made the update write nothing.
     * @throws ZooKeeperException if ZooKeeper fails the write for another reason than a conflict.
     */
    byte[] update(final Update update)
    {
        final long tag = ThreadLocalRandom.current().nextLong() | 1L;
        byte[] lastSent = null;
        for (int conflicts = 0; ; conflicts++)
        {
            final Stat stat = new Stat();
            final byte[] raw = zk.dataOrNull(path, stat);
            if (raw != null && lastSent != null && hasTag(raw, tag))
            {
                return lastSent;
            }
            final byte[] current = raw == null ? absent.clone() : payloadOf(raw);
            final Change change = update.apply(current.clone());
            if (change == Change.RETRY)
            {
                backOff(conflicts);
                continue;
            }
            if (change.payload == null)
            {
                return current;
            }
            final byte[] next = encode(change.payload, raw, tag);
            lastSent = current;
            if (write(raw == null ? -1 : stat.getVersion(), next, change.alsoCommit))
            {
                return current;
            }
            backOff(conflicts);
        }
    }

    private boolean write(final int version, final byte[] data, final List<CuratorOp> alsoCommit)
    {
        return zk.call("update " + path, () ->
        {
            try
            {
                if (alsoCommit.isEmpty())
                {
                    if (version < 0)
                    {
                        zk.client().create().forPath(path, data);
                    }
                    else
                    {
                        zk.client().setData().withVersion(version).forPath(path, data);
                    }
                }
                else
                {
                    final List<CuratorOp> ops = new ArrayList<>(alsoCommit.size() + 1);
                    ops.add(version < 0 ?
                        zk.client().transactionOp().create().forPath(path, data) :
                        zk.client().transactionOp().setData().withVersion(version).forPath(path, data));
                    ops.addAll(alsoCommit);
                    zk.client().transaction().forOperations(ops);
                }
                return true;
            }
            catch (final KeeperException.BadVersionException | KeeperException.NodeExistsException |
                KeeperException.NoNodeException conflict)
            {
                return false;
            }
        });
    }

    private static void backOff(final int conflicts)
    {
        if (conflicts > 3)
        {
            try
            {
                Thread.sleep(0, 1000 * ThreadLocalRandom.current().nextInt(1, 2 + Math.min(conflicts, 200)));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    static byte[] payloadOf(final byte[] raw)
    {
        final ByteBuffer b = ByteBuffer.wrap(raw);
        final int length = b.getInt();
        if (length < 0 || length > raw.length - Integer.BYTES)
        {
            throw new IllegalStateException("node payload length " + length + " does not fit its " + raw.length +
                " bytes: not a shm node");
        }
        final byte[] payload = new byte[length];
        b.get(payload);
        return payload;
    }

    private static boolean hasTag(final byte[] raw, final long tag)
    {
        final ByteBuffer b = ByteBuffer.wrap(raw);
        b.position(Integer.BYTES + b.getInt());
        final int count = Math.min(b.getInt(), b.remaining() / Long.BYTES);
        for (int i = 0; i < count; i++)
        {
            if (b.getLong() == tag)
            {
                return true;
            }
        }
        return false;
    }

    private static byte[] encode(final byte[] payload, final byte[] previousRaw, final long tag)
    {
        final long[] previous = new long[TAGS - 1];
        int kept = 0;
        if (previousRaw != null)
        {
            final ByteBuffer b = ByteBuffer.wrap(previousRaw);
            b.position(Integer.BYTES + b.getInt());
            final int count = Math.min(b.getInt(), b.remaining() / Long.BYTES);
            while (kept < Math.min(count, TAGS - 1))
            {
                previous[kept++] = b.getLong();
            }
        }
        final ByteBuffer out = ByteBuffer.allocate(Integer.BYTES * 2 + payload.length + Long.BYTES * (kept + 1));
        out.putInt(payload.length).put(payload).putInt(kept + 1).putLong(tag);
        for (int i = 0; i < kept; i++)
        {
            out.putLong(previous[i]);
        }
        return out.array();
    }
}

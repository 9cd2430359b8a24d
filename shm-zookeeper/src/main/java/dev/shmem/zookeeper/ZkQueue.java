package dev.shmem.zookeeper;

import dev.shmem.SharedQueue;
import org.apache.zookeeper.data.Stat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link SharedQueue} on ZooKeeper: a bounded FIFO of persistent znodes.
 *
 * <pre>
 * &lt;entry&gt;/state          a Cell: head (long), tail (long), closed (byte)
 * &lt;entry&gt;/items/&lt;pos&gt;    one persistent node per message, pos zero-padded to 19 digits
 * </pre>
 * An offer advances {@code tail} and creates item {@code tail} in one transaction; a poll reads item
 * {@code head}, then advances {@code head} and deletes the item in one transaction. So a message is either
 * wholly in the queue or not at all (no dead-producer gaps), taken exactly once, in offer order; the state's
 * version serialises producers with producers and consumers with consumers.
 *
 * <p>Limits: every offer and poll is a quorum write (a few hundred to a few thousand per second for the whole
 * queue, however many processes use it), messages are at most {@value #MAX_MESSAGE_BYTES} bytes (ZooKeeper's
 * 1 MiB request limit, {@code jute.maxbuffer}), and {@code poll(Consumer)} hands over a copy, not a view of
 * shared memory.
 */
final class ZkQueue implements SharedQueue
{
    static final int MIN_SLOTS = 2;
    static final int MAX_SLOTS = 1 << 24;
    static final int MAX_MESSAGE_BYTES = 1_000_000;
    private static final int STATE_BYTES = Long.BYTES * 2 + 1;
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ZooKeeperSpace space;
    private final String name;
    private final String itemsPath;
    private final Cell state;
    private final int slots;
    private final int maxMessageBytes;

    ZkQueue(final ZooKeeperSpace space, final ZooKeeperSpace.Entry entry, final int slots, final int maxMessageBytes)
    {
        this.space = space;
        this.name = entry.name;
        this.itemsPath = entry.path + "/items";
        this.state = new Cell(space.zk(), entry.path + "/state", new byte[STATE_BYTES]);
        this.slots = slots;
        this.maxMessageBytes = maxMessageBytes;
        space.zk().createIfAbsent(itemsPath, new byte[0]);
    }

    static void checkSizes(final String name, final int slots, final int maxMessageBytes)
    {
        if (slots < MIN_SLOTS || slots > MAX_SLOTS)
        {
            throw new IllegalArgumentException("queue " + name + " slots " + slots + " out of range: expected " +
                MIN_SLOTS + " to " + MAX_SLOTS);
        }
        if (maxMessageBytes < 1 || maxMessageBytes > MAX_MESSAGE_BYTES)
        {
            throw new IllegalArgumentException("queue " + name + " max message bytes " + maxMessageBytes +
                " out of range: expected 1 to " + MAX_MESSAGE_BYTES + " on ZooKeeper");
        }
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public int capacity()
    {
        return slots;
    }

    @Override
    public int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    @Override
    public boolean offer(final byte[] message)
    {
        return tryOffer(message.clone());
    }

    @Override
    public boolean offer(final ByteBuffer message)
    {
        final ByteBuffer view = message.duplicate();
        final byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return tryOffer(copy);
    }

    @Override
    public boolean offer(final byte[] message, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return offerUntil(message.clone(), ZooKeeperSpace.deadline(timeout, unit));
    }

    @Override
    public void put(final byte[] message) throws InterruptedException
    {
        offerUntil(message.clone(), Long.MAX_VALUE);
    }

    private boolean offerUntil(final byte[] message, final long deadline) throws InterruptedException
    {
        while (true)
        {
            if (Thread.interrupted())
            {
                throw new InterruptedException("interrupted while offering to queue " + EntryNames.quote(name) +
                    "; nothing added");
            }
            final CountDownLatch changed = new CountDownLatch(1);
            if (tryOffer(message))
            {
                return true;
            }
            final long remaining = ZooKeeperSpace.remainingNanos(deadline);
            if (remaining <= 0)
            {
                return false;
            }
            final ByteBuffer s = ByteBuffer.wrap(state.readWatched(e -> changed.countDown()));
            if (s.getLong(8) - s.getLong(0) < slots || s.get(16) != 0)
            {
                continue;
            }
            changed.await(Math.min(remaining, RECHECK_NANOS), TimeUnit.NANOSECONDS);
        }
    }

    private boolean tryOffer(final byte[] message)
    {
        if (message.length > maxMessageBytes)
        {
            throw new IllegalArgumentException("message of " + message.length + " bytes is longer than queue " +
                EntryNames.quote(name) + "'s maximum of " + maxMessageBytes + " bytes");
        }
        space.checkOpen();
        final byte[] before = state.update(p ->
        {
            final ByteBuffer s = ByteBuffer.wrap(p);
            final long head = s.getLong(0);
            final long tail = s.getLong(8);
            if (s.get(16) != 0)
            {
                throw new IllegalStateException("queue " + EntryNames.quote(name) + " is closed");
            }
            if (tail - head >= slots)
            {
                return Cell.Change.NONE;
            }
            s.putLong(8, tail + 1);
            return new Cell.Change(p, List.of(Zk.unchecked(() ->
                space.zk().client().transactionOp().create().forPath(item(tail), message))));
        });
        final ByteBuffer b = ByteBuffer.wrap(before);
        return b.getLong(8) - b.getLong(0) < slots;
    }

    @Override
    public byte[] poll()
    {
        return tryPoll();
    }

    @Override
    public byte[] poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return pollUntil(ZooKeeperSpace.deadline(timeout, unit));
    }

    @Override
    public byte[] take() throws InterruptedException
    {
        return pollUntil(Long.MAX_VALUE);
    }

    private byte[] pollUntil(final long deadline) throws InterruptedException
    {
        while (true)
        {
            if (Thread.interrupted())
            {
                throw new InterruptedException("interrupted while taking from queue " + EntryNames.quote(name) +
                    "; nothing removed");
            }
            final byte[] message = tryPoll();
            if (message != null)
            {
                return message;
            }
            final long remaining = ZooKeeperSpace.remainingNanos(deadline);
            if (remaining <= 0)
            {
                return null;
            }
            final CountDownLatch changed = new CountDownLatch(1);
            final ByteBuffer s = ByteBuffer.wrap(state.readWatched(e -> changed.countDown()));
            final boolean empty = s.getLong(8) == s.getLong(0);
            if (empty && s.get(16) != 0)
            {
                return null;
            }
            if (!empty)
            {
                continue;
            }
            changed.await(Math.min(remaining, RECHECK_NANOS), TimeUnit.NANOSECONDS);
        }
    }

    private byte[] tryPoll()
    {
        space.checkOpen();
        final Zk zk = space.zk();
        final byte[][] taken = new byte[1][];
        state.update(p ->
        {
            final ByteBuffer s = ByteBuffer.wrap(p);
            final long head = s.getLong(0);
            if (head == s.getLong(8))
            {
                taken[0] = null;
                return Cell.Change.NONE;
            }
            final Stat stat = new Stat();
            final byte[] message = zk.dataOrNull(item(head), stat);
            if (message == null)
            {
                return Cell.Change.RETRY;
            }
            taken[0] = message;
            s.putLong(0, head + 1);
            return new Cell.Change(p, List.of(Zk.unchecked(() ->
                zk.client().transactionOp().delete().withVersion(stat.getVersion()).forPath(item(head)))));
        });
        return taken[0];
    }

    @Override
    public boolean poll(final Consumer<ByteBuffer> reader)
    {
        final byte[] message = tryPoll();
        if (message == null)
        {
            return false;
        }
        reader.accept(ByteBuffer.wrap(message).asReadOnlyBuffer());
        return true;
    }

    @Override
    public int drain(final Consumer<ByteBuffer> reader, final int max)
    {
        if (max < 1)
        {
            throw new IllegalArgumentException("drain max " + max + ": expected 1 or more");
        }
        int n = 0;
        while (n < max && poll(reader))
        {
            n++;
        }
        return n;
    }

    @Override
    public void close()
    {
        space.checkOpen();
        state.update(p ->
        {
            if (p[16] != 0)
            {
                return Cell.Change.NONE;
            }
            p[16] = 1;
            return Cell.Change.to(p);
        });
    }

    @Override
    public boolean isClosed()
    {
        space.checkOpen();
        return state.read(false)[16] != 0;
    }

    @Override
    public boolean isEndOfStream()
    {
        space.checkOpen();
        final ByteBuffer s = ByteBuffer.wrap(state.read(true));
        return s.get(16) != 0 && s.getLong(0) == s.getLong(8);
    }

    @Override
    public int size()
    {
        space.checkOpen();
        final ByteBuffer s = ByteBuffer.wrap(state.read(false));
        return (int)Math.max(0, Math.min(slots, s.getLong(8) - s.getLong(0)));
    }

    @Override
    public boolean isEmpty()
    {
        return size() == 0;
    }

    private String item(final long position)
    {
        return itemsPath + "/" + String.format("%019d", position);
    }

    @Override
    public String toString()
    {
        return "SharedQueue['" + name + "' of " + slots + " slots on ZooKeeper]";
    }
}

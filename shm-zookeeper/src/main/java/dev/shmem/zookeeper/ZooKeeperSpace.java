package dev.shmem.zookeeper;

import dev.shmem.SharedBarrier;
import dev.shmem.SharedCountDownLatch;
import dev.shmem.SharedDouble;
import dev.shmem.SharedDoubleArray;
import dev.shmem.SharedEvent;
import dev.shmem.SharedInt;
import dev.shmem.SharedIntArray;
import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedMap;
import dev.shmem.SharedQueue;
import dev.shmem.SharedReentrantLock;
import dev.shmem.SharedSemaphore;
import dev.shmem.SharedSpace;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A {@link SharedSpace} kept in Apache ZooKeeper through Apache Curator: the same primitives as
 * {@link dev.shmem.SharedRegion}, shared by processes of many machines. Code written against {@code SharedSpace}
 * runs on either; this backend trades the mapped file's nanoseconds for milliseconds (every operation is at least
 * one round trip to the ensemble, every write a quorum commit) and survives the loss of a machine.
 *
 * <pre>{@code
 * try (SharedSpace space = ZooKeeperSpace.connect("zk1:2181,zk2:2181,zk3:2181", "/apps/demo")) {
 *     SharedLong hits = space.longValue("hits");
 *     SharedLock lock = space.lock("hits.lock");
 *     hits.incrementAndGet();
 * }
 * }</pre>
 *
 * <h2>Where things live</h2>
 * Everything is below {@code rootPath} (a Curator namespace): {@code /e/_<name>} per entry (the entry's kind and
 * sizes, then the nodes of its primitive), {@code /owners/<id>} one ephemeral node per open space (its liveness,
 * for returning a dead process's semaphore permits). {@code docs/GUARANTEES.md} lists each primitive's recipe and
 * limits.
 *
 * <h2>Sessions and failures</h2>
 * A process that dies loses its ZooKeeper session after the session timeout: its locks pass to the next waiter,
 * which sees {@link dev.shmem.RobustLock#isConsistent()} false, and its semaphore permits come back. A lock holder
 * whose connection is SUSPENDED or LOST stops holding the lock at once in shm's eyes: see {@link SharedLock}'s
 * ZooKeeper notes in {@code docs/GUARANTEES.md} ({@code isHeldByCurrentThread()} false, {@code unlock()} throws
 * {@link IllegalMonitorStateException}). A call that cannot reach ZooKeeper within the retry policy throws
 * {@link ZooKeeperException}.
 *
 * <h2>Memory consistency effects</h2>
 * ZooKeeper applies writes in one total order (zxid) and every session sees them in that order; a session never
 * reads older data than it has written or seen. So a write in one process before it releases a lock (or a permit,
 * or offers a message) is seen by the process that next acquires it. Plain reads ({@code getPlain},
 * {@code getAcquire}, sizes) may lag the leader; {@code get()} syncs first and is linearizable.
 *
 * <h2>Closing</h2>
 * {@link #close()} releases the locks this process holds, makes its semaphore permits returnable, and, unless
 * the space was built on a caller's {@link CuratorFramework}, ends the session. Factories and blocking calls
 * throw {@link IllegalStateException} afterwards.
 */
public final class ZooKeeperSpace implements SharedSpace
{
    static final String ENTRIES = "/e";
    static final String OWNERS = "/owners";

    private final CuratorFramework owned;
    private final CuratorFramework client;
    private final Zk zk;
    private final String rootPath;
    private final ConcurrentHashMap<String, Handle> handles = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ZkLock, Boolean> locks = new ConcurrentHashMap<>();
    private final ConnectionStateListener listener = this::stateChanged;
    private final AtomicLong conditionCounter = new AtomicLong();
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors
        .newSingleThreadExecutor(r ->
        {
            final Thread t = new Thread(r, "shm-zookeeper-release");
            t.setDaemon(true);
            return t;
        });
    private volatile String ownerId;
    private volatile boolean closed;

    /** A cached handle with what its entry node says it is. */
    private static final class Handle
    {
        final String description;
        final Object primitive;

        Handle(final String description, final Object primitive)
        {
            this.description = description;
            this.primitive = primitive;
        }
    }

    /** An entry: its path and what it was created with. */
    static final class Entry
    {
        final String name;
        final String path;
        final long parameter;

        Entry(final String name, final String path, final long parameter)
        {
            this.name = name;
            this.path = path;
            this.parameter = parameter;
        }
    }

    private ZooKeeperSpace(final Builder builder)
    {
        this.rootPath = builder.rootPath;
        final String namespace = rootPath.substring(1);
        if (builder.client != null)
        {
            owned = null;
            client = builder.client.usingNamespace(namespace);
        }
        else
        {
            owned = CuratorFrameworkFactory.builder()
                .connectString(builder.connectString)
                .sessionTimeoutMs(Math.toIntExact(builder.sessionTimeout.toMillis()))
                .connectionTimeoutMs(Math.toIntExact(builder.connectionTimeout.toMillis()))
                .retryPolicy(builder.retryPolicy)
                .build();
            owned.start();
            client = owned.usingNamespace(namespace);
        }
        zk = new Zk(client);
        try
        {
            if (!client.getZookeeperClient().blockUntilConnectedOrTimedOut())
            {
                throw new ZooKeeperException("ZooKeeper at " + describeEnsemble(builder) + " not reached within " +
                    builder.connectionTimeout.toMillis() + " ms", null);
            }
            client.getConnectionStateListenable().addListener(listener);
            registerOwner();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            closeClient();
            throw new ZooKeeperException("interrupted while connecting to ZooKeeper", ex);
        }
        catch (final RuntimeException ex)
        {
            closeClient();
            throw ex;
        }
    }

    private static String describeEnsemble(final Builder builder)
    {
        return builder.connectString != null ? builder.connectString : "the given client's ensemble";
    }

    /**
     * Connects to an ensemble with the default session timeout (10 s) and retry policy (exponential back-off from
     * 100 ms, 5 retries).
     *
     * @param connectString Curator's connect string, e.g. {@code "host1:2181,host2:2181"}.
     * @param rootPath      the znode below which this space lives, e.g. {@code "/shm/app"}.
     * @return the connected space.
     * @throws IllegalArgumentException if an argument is malformed.
     * @throws ZooKeeperException       if ZooKeeper is not reached within the connection timeout (15 s).
     */
    public static ZooKeeperSpace connect(final String connectString, final String rootPath)
    {
        return builder().connectString(connectString).rootPath(rootPath).build();
    }

    /**
     * @return a builder for a space with a non-default session timeout, retry policy or client.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * Options of a {@link ZooKeeperSpace}. Either a connect string or an existing client is required.
     */
    public static final class Builder
    {
        private String connectString;
        private String rootPath;
        private Duration sessionTimeout = Duration.ofSeconds(10);
        private Duration connectionTimeout = Duration.ofSeconds(15);
        private RetryPolicy retryPolicy = new ExponentialBackoffRetry(100, 5);
        private CuratorFramework client;

        private Builder()
        {
        }

        /**
         * @param connectString Curator's connect string, e.g. {@code "host1:2181,host2:2181"}.
         * @return this builder.
         */
        public Builder connectString(final String connectString)
        {
            this.connectString = Objects.requireNonNull(connectString, "connectString");
            return this;
        }

        /**
         * @param rootPath absolute znode path below which the space lives (not {@code "/"}).
         * @return this builder.
         */
        public Builder rootPath(final String rootPath)
        {
            this.rootPath = rootPath;
            return this;
        }

        /**
         * @param sessionTimeout how long ZooKeeper waits for a silent process before it expires its session,
         *                       releasing its locks and permits (the server clamps it to 2 to 20 ticks).
         * @return this builder.
         */
        public Builder sessionTimeout(final Duration sessionTimeout)
        {
            this.sessionTimeout = positive(sessionTimeout, "session timeout");
            return this;
        }

        /**
         * @param connectionTimeout how long {@link #build()} and each reconnection wait for a server.
         * @return this builder.
         */
        public Builder connectionTimeout(final Duration connectionTimeout)
        {
            this.connectionTimeout = positive(connectionTimeout, "connection timeout");
            return this;
        }

        /**
         * @param retryPolicy Curator's policy for retrying a call after a connection loss.
         * @return this builder.
         */
        public Builder retryPolicy(final RetryPolicy retryPolicy)
        {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * @param client a started client to use instead of connecting; the space does not close it (so closing the
         *               space does not end that client's session).
         * @return this builder.
         */
        public Builder client(final CuratorFramework client)
        {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * @return the connected space.
         * @throws IllegalArgumentException if the root path is missing or malformed, or neither a connect string
         *                                  nor a client was given.
         * @throws ZooKeeperException       if ZooKeeper is not reached within the connection timeout.
         */
        public ZooKeeperSpace build()
        {
            if (rootPath == null || !rootPath.startsWith("/") || rootPath.length() < 2 || rootPath.endsWith("/") ||
                rootPath.contains("//"))
            {
                throw new IllegalArgumentException("root path " + rootPath +
                    ": expected an absolute znode path other than \"/\", e.g. \"/shm/app\"");
            }
            if (connectString == null && client == null)
            {
                throw new IllegalArgumentException("no connect string and no client: expected one of them");
            }
            return new ZooKeeperSpace(this);
        }

        private static Duration positive(final Duration value, final String what)
        {
            if (value == null || value.isNegative() || value.isZero())
            {
                throw new IllegalArgumentException(what + " " + value + ": expected a positive duration");
            }
            return value;
        }
    }

    /**
     * @return the root path this space lives under.
     */
    public String rootPath()
    {
        return rootPath;
    }

    /**
     * @return the Curator client of this space (namespaced to {@link #rootPath()}), for calls shm does not make.
     */
    public CuratorFramework client()
    {
        return client;
    }

    @Override
    public SharedInt intValue(final String name)
    {
        return get(name, "int value", 0, entry -> new ZkInt(slots(entry, 1)));
    }

    @Override
    public SharedLong longValue(final String name)
    {
        return get(name, "long value", 0, entry -> new ZkLong(slots(entry, 1)));
    }

    @Override
    public SharedDouble doubleValue(final String name)
    {
        return get(name, "double value", 0, entry -> new ZkDouble(slots(entry, 1)));
    }

    @Override
    public SharedIntArray intArray(final String name, final int length)
    {
        checkLength(name, length);
        return get(name, "int array of length " + length, 0, entry -> new ZkIntArray(slots(entry, length)));
    }

    @Override
    public SharedLongArray longArray(final String name, final int length)
    {
        checkLength(name, length);
        return get(name, "long array of length " + length, 0, entry -> new ZkLongArray(slots(entry, length)));
    }

    @Override
    public SharedDoubleArray doubleArray(final String name, final int length)
    {
        checkLength(name, length);
        return get(name, "double array of length " + length, 0, entry -> new ZkDoubleArray(slots(entry, length)));
    }

    @Override
    public SharedLock lock(final String name)
    {
        return get(name, "lock", 0, entry -> register(new ZkMutexLock(this, entry)));
    }

    @Override
    public SharedReentrantLock reentrantLock(final String name)
    {
        return get(name, "reentrant lock", 0, entry -> register(new ZkReentrantLock(this, entry)));
    }

    @Override
    public SharedSemaphore semaphore(final String name, final int permits)
    {
        return get(name, "semaphore", permits, entry -> new ZkSemaphore(this, entry, false));
    }

    @Override
    public SharedSemaphore boundedSemaphore(final String name, final int permits)
    {
        if (permits < 0)
        {
            throw new IllegalArgumentException("permits " + permits + " for bounded semaphore " + name +
                ": expected 0 or more");
        }
        return get(name, "bounded semaphore", permits, entry -> new ZkSemaphore(this, entry, true));
    }

    @Override
    public SharedQueue queue(final String name, final int slots, final int maxMessageBytes)
    {
        ZkQueue.checkSizes(name, slots, maxMessageBytes);
        return get(name, "queue of " + slots + " slots of messages up to " + maxMessageBytes + " bytes", 0,
            entry -> new ZkQueue(this, entry, slots, maxMessageBytes));
    }

    @Override
    public <K, V> SharedMap<K, V> map(
        final String name, final Class<K> keyType, final Class<V> valueType, final int maxEntries,
        final int maxEntryBytes)
    {
        final ZkCodec<K> keys = ZkCodec.of(keyType);
        final ZkCodec<V> values = ZkCodec.of(valueType);
        ZkMap.checkSizes(name, maxEntries, maxEntryBytes);
        return get(name, "map of " + keyType.getName() + " to " + valueType.getName() + ", " + maxEntries +
            " entries of up to " + maxEntryBytes + " bytes", 0,
            entry -> new ZkMap<>(this, entry, keys, values, maxEntries, maxEntryBytes));
    }

    @Override
    public SharedEvent event(final String name)
    {
        return get(name, "event", 0, entry -> new ZkEvent(this, entry));
    }

    @Override
    public SharedBarrier barrier(final String name, final int parties)
    {
        if (parties < 1)
        {
            throw new IllegalArgumentException("parties " + parties + " for barrier " + name + ": expected 1 or more");
        }
        return get(name, "barrier of " + parties + " parties", parties, entry -> new ZkBarrier(this, entry));
    }

    @Override
    public SharedCountDownLatch countDownLatch(final String name, final int count)
    {
        if (count < 0)
        {
            throw new IllegalArgumentException("count " + count + " for latch " + name + ": expected 0 or more");
        }
        return get(name, "count-down latch", count, entry -> new ZkLatch(this, entry));
    }

    /**
     * Releases the locks this process holds (those Curator lets another thread release), deletes this space's
     * owner node so that other processes return its semaphore permits, and ends the session unless the client was
     * the caller's. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        client.getConnectionStateListenable().removeListener(listener);
        for (final ZkLock lock : locks.keySet())
        {
            lock.releaseOnClose();
        }
        try
        {
            final String owner = ownerId;
            if (owner != null)
            {
                zk.deleteIfPresent(OWNERS + "/" + owner);
            }
        }
        catch (final RuntimeException lostAlready)
        {
            // The session is gone or going: the owner node is ephemeral and vanishes with it.
            assert lostAlready != null;
        }
        closeClient();
    }

    @Override
    public String toString()
    {
        return "ZooKeeperSpace[" + rootPath + (closed ? ", closed]" : "]");
    }

    // ---- for the primitives ----

    Zk zk()
    {
        return zk;
    }

    /**
     * @throws IllegalStateException naming the space if it is closed.
     */
    void checkOpen()
    {
        if (closed)
        {
            throw new IllegalStateException("ZooKeeper space " + rootPath + " is closed");
        }
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * @return the id of this space's owner node, which changes when the session is lost and a new one starts.
     */
    String ownerId()
    {
        return ownerId;
    }

    /**
     * @param ownerId an owner node id.
     * @return true if that owner's node exists (its space is open and its session alive).
     */
    boolean isOwnerAlive(final String ownerId)
    {
        return zk.exists(OWNERS + "/" + ownerId);
    }

    String newConditionName(final String lockName)
    {
        return lockName + ".condition-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-" +
            conditionCounter.incrementAndGet();
    }

    Entry entry(final String znodeParent, final String name, final String description, final long parameter)
    {
        final String path = znodeParent + "/" + EntryNames.znode(name);
        final byte[] data = (description + "\n" + parameter).getBytes(StandardCharsets.UTF_8);
        zk.createIfAbsent(path, data);
        final byte[] existing = zk.dataOrNull(path, new org.apache.zookeeper.data.Stat());
        if (existing == null)
        {
            throw new IllegalStateException("entry " + EntryNames.quote(name) + " was deleted while being opened");
        }
        final String text = new String(existing, StandardCharsets.UTF_8);
        final int newline = text.lastIndexOf('\n');
        final String existingDescription = newline < 0 ? text : text.substring(0, newline);
        if (!existingDescription.equals(description))
        {
            throw new IllegalStateException("entry " + EntryNames.quote(name) + " exists as " + existingDescription +
                ", requested as " + description);
        }
        final long existingParameter;
        try
        {
            existingParameter = Long.parseLong(text.substring(newline + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalStateException("entry " + EntryNames.quote(name) + " at " + path +
                " is not a shm entry: " + ex.getMessage(), ex);
        }
        return new Entry(name, path, existingParameter);
    }

    // ---- private ----

    @SuppressWarnings("unchecked")
    private <T> T get(final String name, final String description, final long parameter,
        final Function<Entry, T> factory)
    {
        checkOpen();
        final String znode = EntryNames.znode(name);
        final Handle handle = handles.computeIfAbsent(znode,
            k -> new Handle(description, factory.apply(entry(ENTRIES, name, description, parameter))));
        if (!handle.description.equals(description))
        {
            throw new IllegalStateException("entry " + EntryNames.quote(name) + " exists as " + handle.description +
                ", requested as " + description);
        }
        return (T)handle.primitive;
    }

    private Slots slots(final Entry entry, final int length)
    {
        return new Slots(this, entry, length);
    }

    private static void checkLength(final String name, final int length)
    {
        if (length < 0 || length > Slots.MAX_LENGTH)
        {
            throw new IllegalArgumentException("array length " + length + " for " + name + ": expected 0 to " +
                Slots.MAX_LENGTH + " on ZooKeeper");
        }
    }

    private <L extends ZkLock> L register(final L lock)
    {
        locks.put(lock, Boolean.TRUE);
        return lock;
    }

    private void registerOwner()
    {
        final String id = Zk.unchecked(() ->
            Long.toHexString(client.getZookeeperClient().getZooKeeper().getSessionId())) + "-" +
            Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        zk.call("register owner " + id, () ->
        {
            try
            {
                return client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .forPath(OWNERS + "/" + id);
            }
            catch (final KeeperException.NodeExistsException retried)
            {
                return id;
            }
        });
        ownerId = id;
    }

    private void stateChanged(final CuratorFramework changed, final ConnectionState state)
    {
        switch (state)
        {
            case SUSPENDED:
            case LOST:
                for (final ZkLock lock : locks.keySet())
                {
                    lock.revoke(state);
                }
                break;
            case RECONNECTED:
                if (!closed && !isOwnerAlive(ownerId))
                {
                    registerOwner();
                }
                break;
            default:
                break;
        }
    }

    /**
     * Runs a release that may block on an unreachable server off the caller's thread. A failure is dropped: the
     * node it would have deleted is ephemeral and vanishes with the session.
     */
    void background(final Zk.Call<?> release)
    {
        background.execute(() ->
        {
            try
            {
                release.call();
            }
            catch (final Exception gone)
            {
                assert gone != null;
            }
        });
    }

    private void closeClient()
    {
        background.shutdown();
        try
        {
            background.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (owned != null)
        {
            owned.close();
        }
    }

    static long remainingNanos(final long deadline)
    {
        return deadline - System.nanoTime();
    }

    static long deadline(final long timeout, final TimeUnit unit)
    {
        final long nanos = unit.toNanos(Math.max(0, timeout));
        final long now = System.nanoTime();
        return nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
    }
}

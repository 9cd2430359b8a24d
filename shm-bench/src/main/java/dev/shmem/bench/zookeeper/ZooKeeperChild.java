package dev.shmem.bench.zookeeper;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
import dev.shmem.SharedSpace;
import dev.shmem.zookeeper.ZooKeeperSpace;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.atomic.AtomicValue;
import org.apache.curator.framework.recipes.atomic.DistributedAtomicLong;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreMutex;
import org.apache.curator.framework.recipes.locks.InterProcessSemaphoreV2;
import org.apache.curator.framework.recipes.locks.Lease;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.retry.RetryNTimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One process of a {@link ZooKeeperRunner} measurement: {@code IMPL SCENARIO TARGET WARMUP_MS MEASURE_MS OUT}.
 * IMPL is {@code shm-zk} (shm on ZooKeeper), {@code curator} (the same done with plain Curator recipes) or
 * {@code shm-mapped} (a region file); SCENARIO is {@code counter}, {@code lock} or {@code semaphore}; TARGET is
 * {@code CONNECT/ROOT} or the region path. It runs the operation in a loop for the warm-up, then counts
 * operations for the measurement and writes {@code count nanos} to OUT.
 */
public final class ZooKeeperChild
{
    private ZooKeeperChild()
    {
    }

    /** One operation of a scenario. */
    @FunctionalInterface
    interface Op
    {
        void run() throws Exception;
    }

    public static void main(final String[] args) throws Exception
    {
        final String impl = args[0];
        final String scenario = args[1];
        final String target = args[2];
        final long warmup = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[3]));
        final long measure = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[4]));
        final Path out = Path.of(args[5]);
        if (impl.equals("curator"))
        {
            final int slash = target.indexOf('/');
            try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(target.substring(0, slash))
                .namespace(target.substring(slash + 1)).sessionTimeoutMs(10_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 5)).build())
            {
                client.start();
                client.blockUntilConnected();
                measure(curatorOp(client, scenario), warmup, measure, out);
            }
            return;
        }
        try (SharedSpace space = impl.equals("shm-zk") ? connect(target) : SharedRegion.open(Path.of(target)))
        {
            measure(shmOp(space, scenario), warmup, measure, out);
        }
    }

    private static SharedSpace connect(final String target)
    {
        final int slash = target.indexOf('/');
        return ZooKeeperSpace.connect(target.substring(0, slash), target.substring(slash));
    }

    private static Op shmOp(final SharedSpace space, final String scenario)
    {
        switch (scenario)
        {
            case "counter":
                final SharedLong counter = space.longValue("counter");
                return counter::incrementAndGet;
            case "lock":
                final SharedLock lock = space.lock("lock");
                return () ->
                {
                    lock.lock();
                    lock.unlock();
                };
            case "semaphore":
                final SharedSemaphore permits = space.semaphore("permits", 1);
                return () ->
                {
                    permits.acquire();
                    permits.release();
                };
            default:
                throw new IllegalArgumentException("scenario " + scenario + ": expected counter, lock or semaphore");
        }
    }

    /** The same operations with Curator's recipes, as a Curator user would write them. */
    private static Op curatorOp(final CuratorFramework client, final String scenario)
    {
        switch (scenario)
        {
            case "counter":
                final DistributedAtomicLong counter = new DistributedAtomicLong(client, "/counter",
                    new RetryNTimes(1_000_000, 0));
                return () ->
                {
                    // DistributedAtomicLong may return "not succeeded": a caller must retry.
                    AtomicValue<Long> result = counter.increment();
                    while (!result.succeeded())
                    {
                        result = counter.increment();
                    }
                };
            case "lock":
                final InterProcessSemaphoreMutex lock = new InterProcessSemaphoreMutex(client, "/lock");
                return () ->
                {
                    lock.acquire();
                    lock.release();
                };
            case "semaphore":
                final InterProcessSemaphoreV2 permits = new InterProcessSemaphoreV2(client, "/permits", 1);
                return () ->
                {
                    final Lease lease = permits.acquire();
                    permits.returnLease(lease);
                };
            default:
                throw new IllegalArgumentException("scenario " + scenario + ": expected counter, lock or semaphore");
        }
    }

    private static void measure(final Op op, final long warmup, final long measure, final Path out) throws Exception
    {
        final long warmEnd = System.nanoTime() + warmup;
        while (System.nanoTime() < warmEnd)
        {
            op.run();
        }
        long count = 0;
        final long start = System.nanoTime();
        final long end = start + measure;
        long now = start;
        while (now < end)
        {
            op.run();
            count++;
            now = System.nanoTime();
        }
        Files.writeString(out, count + " " + (now - start));
    }
}

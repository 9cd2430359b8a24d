package dev.shmem.zookeeper;

import dev.shmem.SharedLock;
import dev.shmem.SharedLong;
import dev.shmem.SharedSemaphore;
import dev.shmem.process.ChildJvm;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Main classes of the child JVMs of the cross-process tests; each takes the connect string and the root path
 * first. A child that holds something publishes its pid in the long value {@code "ready"} and then sleeps until
 * it is killed.
 */
final class ZkChildren
{
    private ZkChildren()
    {
    }

    static ChildJvm start(final Class<?> main, final String... args) throws IOException
    {
        return ChildJvm.builder(main).args(args).jvmArgs("-Xmx128m", "-XX:TieredStopAtLevel=1").start();
    }

    static void awaitAll(final List<ChildJvm> children, final Duration timeout) throws InterruptedException
    {
        for (final ChildJvm child : children)
        {
            child.awaitSuccess(timeout);
        }
    }

    static List<ChildJvm> startMany(final int n, final Class<?> main, final String... args) throws IOException
    {
        final List<ChildJvm> children = new ArrayList<>();
        for (int i = 0; i < n; i++)
        {
            children.add(start(main, args));
        }
        return children;
    }

    /** Waits for the {@code "ready"} value to be set by a child, and returns it. */
    static long awaitReady(final SharedLong ready, final ChildJvm child) throws InterruptedException
    {
        final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < until)
        {
            final long pid = ready.get();
            if (pid != 0)
            {
                return pid;
            }
            if (!child.isAlive())
            {
                throw new AssertionError("child died before it was ready: " + child.failure().orElse("?"));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("child not ready within 60 s");
    }

    /** args: connect, root, increments. */
    public static final class Increments
    {
        public static void main(final String[] args)
        {
            try (ZooKeeperSpace space = TestZooKeeper.connect(args[0], args[1]))
            {
                final SharedLong counter = space.longValue("counter");
                final long n = Long.parseLong(args[2]);
                for (long i = 0; i < n; i++)
                {
                    counter.incrementAndGet();
                }
            }
        }
    }

    /** args: connect, root, rounds. Plain read-then-write under the lock; "inside" must be 1 inside. */
    public static final class LockedIncrements
    {
        public static void main(final String[] args)
        {
            try (ZooKeeperSpace space = TestZooKeeper.connect(args[0], args[1]))
            {
                final SharedLock lock = space.lock("lock");
                final SharedLong counter = space.longValue("locked");
                final SharedLong inside = space.longValue("inside");
                final long n = Long.parseLong(args[2]);
                for (long i = 0; i < n; i++)
                {
                    lock.lock();
                    try
                    {
                        if (inside.incrementAndGet() != 1)
                        {
                            throw new AssertionError("two holders inside the critical section");
                        }
                        counter.set(counter.get() + 1);
                        inside.decrementAndGet();
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }
            }
        }
    }

    /** args: connect, root. Takes the lock, says so, sleeps. */
    public static final class HoldLock
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final ZooKeeperSpace space = TestZooKeeper.connect(args[0], args[1]);
            space.lock("lock").lock();
            space.longValue("ready").set(ProcessHandle.current().pid());
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    /** args: connect, root. Takes 2 permits of "permits", says so, sleeps. */
    public static final class HoldPermits
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final ZooKeeperSpace space = TestZooKeeper.connect(args[0], args[1]);
            final SharedSemaphore permits = space.semaphore("permits", 2);
            permits.acquire(2);
            space.longValue("ready").set(ProcessHandle.current().pid());
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}

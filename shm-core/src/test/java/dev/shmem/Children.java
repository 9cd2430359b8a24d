package dev.shmem;

import dev.shmem.process.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Main classes run in child JVMs by the cross-process tests, and the start barrier they share with the parent.
 * A child waits for the parent's "go" so that all children race at the same moment; every wait is bounded.
 */
final class Children
{
    static final long CAPACITY = 4 << 20;
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final String READY = "test.ready";
    private static final String GO = "test.go";

    private Children()
    {
    }

    /**
     * Starts children and releases them together once all are ready.
     *
     * @param region     the shared region.
     * @param mainClass  child main.
     * @param count      how many.
     * @param argsForIdx arguments for child i.
     * @return the running children.
     * @throws IOException if one cannot be started.
     */
    static List<ChildJvm> startTogether(final SharedRegion region, final Class<?> mainClass, final int count,
        final java.util.function.IntFunction<String[]> argsForIdx) throws IOException
    {
        final List<ChildJvm> children = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            children.add(ChildJvm.start(mainClass, argsForIdx.apply(i)));
        }
        final SharedInt ready = region.intValue(READY);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (ready.get() < count)
        {
            for (final ChildJvm child : children)
            {
                if (!child.isAlive())
                {
                    children.forEach(ChildJvm::close);
                    throw new AssertionError("child pid " + child.pid() + " exited before the start: " +
                        child.failure().orElse("status " + child.exitValue() + ", log " + child.logFile()));
                }
            }
            if (System.nanoTime() > deadline)
            {
                children.forEach(ChildJvm::close);
                throw new AssertionError("children not ready after " + TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        region.intValue(GO).set(1);
        return children;
    }

    /**
     * @param children children to wait for; all must exit with status 0.
     * @throws InterruptedException if interrupted.
     */
    static void awaitAll(final List<ChildJvm> children) throws InterruptedException
    {
        try
        {
            for (final ChildJvm child : children)
            {
                child.awaitSuccess(TIMEOUT);
            }
        }
        finally
        {
            children.forEach(ChildJvm::close);
        }
    }

    /**
     * Child side: announce readiness and wait (bounded) for the parent's go.
     *
     * @param region the shared region.
     */
    static void readyThenAwaitGo(final SharedRegion region)
    {
        region.intValue(READY).incrementAndGet();
        final SharedInt go = region.intValue(GO);
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (go.get() == 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no go from the parent within " + TIMEOUT);
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Child side: wait (bounded) until a value reaches a target.
     *
     * @param value  the value.
     * @param target the value to reach.
     */
    static void awaitValue(final SharedLong value, final long target)
    {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (value.get() < target)
        {
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException(value.name() + " did not reach " + target + " within " + TIMEOUT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** {@code PATH MODE COUNT}: adds COUNT to "counter" with MODE atomic or plain. */
    static final class Counter
    {
        public static void main(final String[] args) throws IOException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedLong counter = region.longValue("counter");
                final long count = Long.parseLong(args[2]);
                readyThenAwaitGo(region);
                if (args[1].equals("atomic"))
                {
                    for (long i = 0; i < count; i++)
                    {
                        counter.incrementAndGet();
                    }
                }
                else
                {
                    for (long i = 0; i < count; i++)
                    {
                        counter.set(counter.get() + 1);
                    }
                }
            }
        }
    }

    /** {@code PATH COUNT}: array verbs on "ints", "longs", "doubles" (length 16), COUNT rounds. */
    static final class ArrayWorker
    {
        public static void main(final String[] args) throws IOException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedIntArray ints = region.intArray("ints", 16);
                final SharedLongArray longs = region.longArray("longs", 16);
                final SharedDoubleArray doubles = region.doubleArray("doubles", 16);
                final int rounds = Integer.parseInt(args[1]);
                readyThenAwaitGo(region);
                for (int r = 0; r < rounds; r++)
                {
                    final int i = r & 15;
                    ints.incrementAndGet(i);
                    longs.addAndGet(i, 2);
                    doubles.getAndAdd(i, 0.5);
                    while (true)
                    {
                        final long seen = longs.get(i);
                        if (longs.compareAndSet(i, seen, seen + 1))
                        {
                            break;
                        }
                    }
                }
            }
        }
    }

    /** {@code PATH}: writes known values, closes the region and exits. */
    static final class Writer
    {
        public static void main(final String[] args) throws IOException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                region.intValue("i").set(-7);
                region.longValue("l").set(Long.MIN_VALUE + 3);
                region.doubleValue("d").set(Math.PI);
                region.doubleArray("da", 3).set(2, -0.0);
                region.longArray("la", 2).set(1, 99);
                region.intArray("ia", 4).set(3, Integer.MAX_VALUE);
            }
        }
    }

    /** {@code PATH CAPACITY NAMES}: openOrCreate the path, then increment "hits" and NAMES entries "e0".. once. */
    static final class Opener
    {
        public static void main(final String[] args) throws IOException
        {
            final long startAt = Long.parseLong(args[3]);
            while (System.currentTimeMillis() < startAt)
            {
                Thread.onSpinWait();
            }
            try (SharedRegion region = SharedRegion.openOrCreate(Path.of(args[0]), Long.parseLong(args[1])))
            {
                region.longValue("hits").incrementAndGet();
                final int names = Integer.parseInt(args[2]);
                for (int i = 0; i < names; i++)
                {
                    region.longValue("e" + i).incrementAndGet();
                }
            }
        }
    }

    /** {@code PATH KIND COUNT}: COUNT increments of "counter" under region.lock (KIND lock) or, nested twice,
     * region.reentrantLock (KIND reentrant), with plain get then set. */
    static final class LockedCounter
    {
        public static void main(final String[] args) throws IOException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedLong counter = region.longValue("counter");
                final long count = Long.parseLong(args[2]);
                final boolean nested = args[1].equals("reentrant");
                final java.util.concurrent.locks.Lock lock = nested ?
                    region.reentrantLock("counter.lock") : region.lock("counter.lock");
                readyThenAwaitGo(region);
                for (long i = 0; i < count; i++)
                {
                    lock.lock();
                    try
                    {
                        if (nested)
                        {
                            lock.lock();
                            try
                            {
                                counter.set(counter.get() + 1);
                            }
                            finally
                            {
                                lock.unlock();
                            }
                        }
                        else
                        {
                            counter.set(counter.get() + 1);
                        }
                    }
                    finally
                    {
                        lock.unlock();
                    }
                }
            }
        }
    }

    /** {@code PATH COUNT}: COUNT acquire/release pairs on semaphore "slots" (2 permits), counting holders. */
    static final class SemaphoreUser
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedSemaphore slots = region.semaphore("slots", 2);
                final SharedLong holders = region.longValue("holders");
                final SharedLong maxHolders = region.longValue("maxHolders");
                final SharedLong acquisitions = region.longValue("acquisitions");
                final long count = Long.parseLong(args[1]);
                readyThenAwaitGo(region);
                for (long i = 0; i < count; i++)
                {
                    slots.acquire();
                    try
                    {
                        final long inside = holders.incrementAndGet();
                        long max;
                        while ((max = maxHolders.get()) < inside && !maxHolders.compareAndSet(max, inside))
                        {
                            Thread.onSpinWait();
                        }
                        acquisitions.incrementAndGet();
                        for (int spin = 0; spin < 20; spin++)
                        {
                            Thread.onSpinWait();
                        }
                        holders.decrementAndGet();
                    }
                    finally
                    {
                        slots.release();
                    }
                }
            }
        }
    }

    /**
     * {@code PATH WHAT MILLIS}: takes WHAT (lock: region.lock("l"); semaphore: 2 permits of bounded semaphore
     * "s" of 2), publishes its pid in "held", holds it MILLIS ms, then: releases it (END release), exits without
     * releasing or closing (END exit), or hangs until killed (END hang, bounded by the test timeout).
     */
    static final class Holder
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            final SharedRegion region = SharedRegion.open(Path.of(args[0]));
            final String what = args[1];
            final long millis = Long.parseLong(args[2]);
            final String end = args[3];
            final SharedLock lock = region.lock("l");
            final SharedSemaphore semaphore = region.boundedSemaphore("s", 2);
            if (what.equals("lock"))
            {
                lock.lock();
            }
            else
            {
                semaphore.acquire(2);
            }
            region.longValue("held").set(ProcessHandle.current().pid());
            Thread.sleep(end.equals("hang") ? TIMEOUT.toMillis() : millis);
            if (end.equals("exit"))
            {
                System.exit(0);
            }
            if (what.equals("lock"))
            {
                lock.unlock();
            }
            else
            {
                semaphore.release(2);
            }
            region.close();
        }
    }

    /** {@code PATH}: tryLock(10 s) on "l"; publishes 1 in "got" if acquired and 1 in "inconsistent" if so. */
    static final class TryLocker
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedLock lock = region.lock("l");
                if (lock.tryLock(10, TimeUnit.SECONDS))
                {
                    region.longValue("got").set(1);
                    region.longValue("inconsistent").set(lock.isConsistent() ? 0 : 1);
                    lock.unlock();
                }
            }
        }
    }
}

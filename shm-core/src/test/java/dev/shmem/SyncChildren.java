package dev.shmem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Main classes run in child JVMs by {@link CrossProcessSyncTest}. Every wait is bounded by
 * {@link Children#TIMEOUT} unless the test kills the child.
 */
final class SyncChildren
{
    static final int BUFFER_SLOTS = 8;

    private SyncChildren()
    {
    }

    /**
     * Bounded buffer "buf" of {@link #BUFFER_SLOTS} longs guarded by reentrant lock "buf.lock" with conditions
     * "notFull" and "notEmpty"; "count", "putIndex", "takeIndex" and "taken" are longs.
     */
    static final class Buffer
    {
        final SharedReentrantLock lock;
        final SharedCondition notFull;
        final SharedCondition notEmpty;
        final SharedLongArray items;
        final SharedLong count;
        final SharedLong putIndex;
        final SharedLong takeIndex;
        final SharedLong taken;

        Buffer(final SharedRegion region)
        {
            lock = region.reentrantLock("buf.lock");
            notFull = lock.newCondition("notFull");
            notEmpty = lock.newCondition("notEmpty");
            items = region.longArray("buf", BUFFER_SLOTS);
            count = region.longValue("count");
            putIndex = region.longValue("putIndex");
            takeIndex = region.longValue("takeIndex");
            taken = region.longValue("taken");
        }
    }

    /** {@code PATH FIRST COUNT}: puts items FIRST to FIRST + COUNT - 1 into the buffer. */
    static final class Producer
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final Buffer b = new Buffer(region);
                final long first = Long.parseLong(args[1]);
                final long count = Long.parseLong(args[2]);
                Children.readyThenAwaitGo(region);
                for (long item = first; item < first + count; item++)
                {
                    b.lock.lock();
                    try
                    {
                        while (b.count.get() == BUFFER_SLOTS)
                        {
                            if (!b.notFull.await(Children.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                            {
                                throw new IllegalStateException("buffer stayed full");
                            }
                        }
                        final long put = b.putIndex.get();
                        b.items.set((int)(put % BUFFER_SLOTS), item);
                        b.putIndex.set(put + 1);
                        b.count.set(b.count.get() + 1);
                        b.notEmpty.signal();
                    }
                    finally
                    {
                        b.lock.unlock();
                    }
                }
            }
        }
    }

    /** {@code PATH TOTAL}: takes items until TOTAL have been taken by all consumers; counts each in "seen". */
    static final class Consumer
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final Buffer b = new Buffer(region);
                final long total = Long.parseLong(args[1]);
                final SharedIntArray seen = region.intArray("seen", (int)total);
                Children.readyThenAwaitGo(region);
                while (true)
                {
                    final long item;
                    b.lock.lock();
                    try
                    {
                        while (b.count.get() == 0 && b.taken.get() < total)
                        {
                            if (!b.notEmpty.await(Children.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                            {
                                throw new IllegalStateException("buffer stayed empty");
                            }
                        }
                        if (b.taken.get() == total)
                        {
                            return;
                        }
                        final long take = b.takeIndex.get();
                        item = b.items.get((int)(take % BUFFER_SLOTS));
                        b.takeIndex.set(take + 1);
                        b.count.set(b.count.get() - 1);
                        b.taken.set(b.taken.get() + 1);
                        b.notFull.signal();
                        if (b.taken.get() == total)
                        {
                            // Wake the other consumers so that they see the end.
                            b.notEmpty.signalAll();
                        }
                    }
                    finally
                    {
                        b.lock.unlock();
                    }
                    seen.incrementAndGet((int)item);
                }
            }
        }
    }

    /**
     * {@code PATH INDEX PARTIES GENERATIONS}: through GENERATIONS generations of barrier "b": writes the
     * generation into "phase"[INDEX], awaits, checks every party's phase is at least that generation (else adds
     * to "stale"), counts arrival index 0 in "zeros".
     */
    static final class BarrierParty
    {
        public static void main(final String[] args) throws Exception
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final int index = Integer.parseInt(args[1]);
                final int parties = Integer.parseInt(args[2]);
                final int generations = Integer.parseInt(args[3]);
                final SharedBarrier barrier = region.barrier("b", parties);
                final SharedLongArray phase = region.longArray("phase", parties);
                final SharedLong stale = region.longValue("stale");
                final SharedLong zeros = region.longValue("zeros");
                Children.readyThenAwaitGo(region);
                for (int g = 1; g <= generations; g++)
                {
                    phase.setPlain(index, g);
                    if (barrier.await(Children.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) == 0)
                    {
                        zeros.incrementAndGet();
                    }
                    for (int p = 0; p < parties; p++)
                    {
                        if (phase.getPlain(p) < g)
                        {
                            stale.incrementAndGet();
                        }
                    }
                }
            }
        }
    }

    /**
     * {@code PATH PARTIES}: awaits barrier "b" once; publishes 1 in "broken.seen" on BrokenBarrierException, else
     * 2. Adds 1 to "arrived" before awaiting.
     */
    static final class BarrierWaiter
    {
        public static void main(final String[] args) throws IOException, InterruptedException, TimeoutException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedBarrier barrier = region.barrier("b", Integer.parseInt(args[1]));
                region.longValue("arrived").incrementAndGet();
                try
                {
                    barrier.await(Children.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    region.longValue("broken.seen").set(2);
                }
                catch (final BrokenBarrierException ex)
                {
                    region.longValue("broken.seen").set(1);
                }
            }
        }
    }

    /**
     * {@code PATH}: locks SharedLock "l" and waits on its condition "c" until "flag" is set. If it comes back
     * from await with the lock inconsistent (its holder died), it repairs: marks it consistent, sets "flag",
     * counts itself in "repairs" and signals the others. Counts itself in "woke" when it leaves.
     */
    static final class ConditionWaiter
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final SharedLock lock = region.lock("l");
                final SharedCondition cond = lock.newCondition("c");
                final SharedLong flag = region.longValue("flag");
                lock.lock();
                try
                {
                    region.longValue("waiting").incrementAndGet();
                    while (flag.get() == 0)
                    {
                        if (!cond.await(Children.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                        {
                            throw new IllegalStateException("never signalled");
                        }
                        if (!lock.isConsistent())
                        {
                            lock.markConsistent();
                            flag.set(1);
                            region.longValue("repairs").incrementAndGet();
                            cond.signalAll();
                        }
                    }
                    region.longValue("woke").incrementAndGet();
                }
                finally
                {
                    lock.unlock();
                }
            }
        }
    }

    /** {@code PATH}: locks SharedLock "l", publishes its pid in "held" and hangs until killed. */
    static final class LockHolder
    {
        public static void main(final String[] args) throws IOException, InterruptedException
        {
            final SharedRegion region = SharedRegion.open(Path.of(args[0]));
            final SharedLock lock = region.lock("l");
            lock.lock();
            region.longValue("held").set(ProcessHandle.current().pid());
            Thread.sleep(Children.TIMEOUT.toMillis());
        }
    }
}

package dev.shmem.demo.sync;

import dev.shmem.SharedCondition;
import dev.shmem.SharedIntArray;
import dev.shmem.SharedLong;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedReentrantLock;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A child of the {@code condition} demo: {@code ConditionWorker REGION produce SLOTS FIRST COUNT TIMEOUT_MILLIS}
 * puts items FIRST to FIRST + COUNT - 1; {@code ConditionWorker REGION consume SLOTS INDEX TOTAL TIMEOUT_MILLIS}
 * takes items until TOTAL have been taken by all consumers and counts each in {@code seen}.
 */
public final class ConditionWorker
{
    static final String SEEN = "seen";

    private ConditionWorker()
    {
    }

    /**
     * The buffer: items in a long array used as a ring, its counters, a lock and its two conditions.
     */
    static final class Buffer
    {
        final SharedReentrantLock lock;
        final SharedCondition notFull;
        final SharedCondition notEmpty;
        final SharedLongArray ring;
        final SharedLong count;
        final SharedLong puts;
        final SharedLong takes;

        Buffer(final SharedRegion region, final int slots)
        {
            lock = region.reentrantLock("buffer.lock");
            notFull = lock.newCondition("not_full");
            notEmpty = lock.newCondition("not_empty");
            ring = region.longArray("buffer", slots);
            count = region.longValue("count");
            puts = region.longValue("puts");
            takes = region.longValue("takes");
        }
    }

    /**
     * @param args region, role, slots, first item or consumer index, count or total, longest wait in ms.
     * @throws Exception if the region cannot be opened, a wait times out, or interrupted.
     */
    public static void main(final String[] args) throws Exception
    {
        final int slots = Integer.parseInt(args[2]);
        final long timeoutMillis = Long.parseLong(args[5]);
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final Buffer buffer = new Buffer(region, slots);
            if (args[1].equals("produce"))
            {
                produce(buffer, slots, Integer.parseInt(args[3]), Integer.parseInt(args[4]), timeoutMillis);
            }
            else
            {
                final int total = Integer.parseInt(args[4]);
                final int taken = consume(buffer, slots, region.intArray(SEEN, total), total, timeoutMillis);
                System.out.println("Consumer " + args[3] + ": took " + taken + " items");
            }
        }
    }

    private static void produce(final Buffer b, final int slots, final int first, final int count,
        final long timeoutMillis) throws InterruptedException
    {
        for (int item = first; item < first + count; item++)
        {
            b.lock.lock();
            try
            {
                // with not_full: not_full.wait_for(lambda: count < slots)
                while (b.count.get() == slots)
                {
                    awaitOrFail(b.notFull, timeoutMillis, "room in the buffer");
                }
                final long put = b.puts.get();
                b.ring.set((int)(put % slots), item);
                b.puts.set(put + 1);
                b.count.set(b.count.get() + 1);
                b.notEmpty.signal();
            }
            finally
            {
                b.lock.unlock();
            }
            if (item == first + count / 2)
            {
                Faults.failIfRequested("half-way through producing");
            }
        }
        System.out.println("Producer from " + first + ": put " + count + " items");
    }

    private static int consume(final Buffer b, final int slots, final SharedIntArray seen, final int total,
        final long timeoutMillis) throws InterruptedException
    {
        int taken = 0;
        while (true)
        {
            final long item;
            b.lock.lock();
            try
            {
                while (b.count.get() == 0 && b.takes.get() < total)
                {
                    awaitOrFail(b.notEmpty, timeoutMillis, "an item");
                }
                if (b.takes.get() == total)
                {
                    return taken;
                }
                final long take = b.takes.get();
                item = b.ring.get((int)(take % slots));
                b.takes.set(take + 1);
                b.count.set(b.count.get() - 1);
                b.notFull.signal();
                if (take + 1 == total)
                {
                    // The last item: wake the other consumers so that they see the end.
                    b.notEmpty.signalAll();
                }
            }
            finally
            {
                b.lock.unlock();
            }
            seen.incrementAndGet((int)item);
            taken++;
        }
    }

    private static void awaitOrFail(final SharedCondition condition, final long timeoutMillis, final String what)
        throws InterruptedException
    {
        if (!condition.await(timeoutMillis, TimeUnit.MILLISECONDS))
        {
            throw new IllegalStateException("no " + what + " within " + timeoutMillis + " ms (" + condition + ")");
        }
    }
}

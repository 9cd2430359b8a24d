package dev.shmem.bench.sync;

import dev.shmem.SharedBarrier;
import dev.shmem.SharedCondition;
import dev.shmem.SharedLong;
import dev.shmem.SharedLongArray;
import dev.shmem.SharedReentrantLock;
import dev.shmem.SharedRegion;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The child JVMs of {@link SyncBenchmark}: each times its own measured loop and writes the nanoseconds into
 * {@code elapsed[INDEX]}.
 */
final class SyncChildren
{
    static final String ELAPSED = "elapsed";
    static final String BARRIER = "barrier";
    static final String LOCK = "pingpong.lock";
    static final String CONDITION = "turn";
    static final String TURN = "pingpong.turn";
    static final long TIMEOUT_SECONDS = 60;

    private SyncChildren()
    {
    }

    /** {@code PATH INDEX PARTIES WARMUP COUNT}: WARMUP then COUNT timed awaits of barrier "barrier". */
    static final class BarrierParty
    {
        public static void main(final String[] args) throws Exception
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final int index = Integer.parseInt(args[1]);
                final int parties = Integer.parseInt(args[2]);
                final SharedBarrier barrier = region.barrier(BARRIER, parties);
                final SharedLongArray elapsed = region.longArray(ELAPSED, parties);
                final int warmup = Integer.parseInt(args[3]);
                final int count = Integer.parseInt(args[4]);
                for (int i = 0; i < warmup; i++)
                {
                    barrier.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
                final long begin = System.nanoTime();
                for (int i = 0; i < count; i++)
                {
                    barrier.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
                elapsed.set(index, System.nanoTime() - begin);
            }
        }
    }

    /**
     * {@code PATH ME WARMUP COUNT}: takes turns with the other side on condition "turn" of lock "pingpong.lock":
     * waits until "pingpong.turn" is ME, hands it to the other side and signals.
     */
    static final class PingPongSide
    {
        public static void main(final String[] args) throws Exception
        {
            try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
            {
                final int me = Integer.parseInt(args[1]);
                final SharedReentrantLock lock = region.reentrantLock(LOCK);
                final SharedCondition turnChanged = lock.newCondition(CONDITION);
                final SharedLong turn = region.longValue(TURN);
                final SharedLongArray elapsed = region.longArray(ELAPSED, 2);
                turns(lock, turnChanged, turn, me, Integer.parseInt(args[2]));
                final long begin = System.nanoTime();
                turns(lock, turnChanged, turn, me, Integer.parseInt(args[3]));
                elapsed.set(me, System.nanoTime() - begin);
            }
        }

        private static void turns(final SharedReentrantLock lock, final SharedCondition turnChanged,
            final SharedLong turn, final int me, final int count) throws InterruptedException
        {
            for (int i = 0; i < count; i++)
            {
                lock.lock();
                try
                {
                    while (turn.get() != me)
                    {
                        if (!turnChanged.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        {
                            throw new IllegalStateException("side " + me + ": no turn within " + TIMEOUT_SECONDS +
                                " s");
                        }
                    }
                    turn.set(1 - me);
                    turnChanged.signal();
                }
                finally
                {
                    lock.unlock();
                }
            }
        }
    }
}

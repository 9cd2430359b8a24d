package dev.shmem.zookeeper;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waiting for a {@link Cell}'s payload to satisfy a condition: read it with a watch, and sleep until the watch
 * fires, the deadline passes or a second elapses (a lost watch, e.g. across a reconnection, costs at most that).
 */
final class Waits
{
    private static final long RECHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private Waits()
    {
    }

    /**
     * @param cell     the node.
     * @param done     the condition on its payload.
     * @param deadline {@link System#nanoTime()} deadline, {@link Long#MAX_VALUE} for none.
     * @return the payload that satisfied {@code done}, or null if the deadline passed first.
     * @throws InterruptedException if interrupted while waiting.
     */
    static byte[] until(final ZooKeeperSpace space, final Cell cell, final Predicate<byte[]> done, final long deadline)
        throws InterruptedException
    {
        while (true)
        {
            space.checkOpen();
            final CountDownLatch changed = new CountDownLatch(1);
            final byte[] payload = cell.readWatched(e -> changed.countDown());
            if (done.test(payload))
            {
                return payload;
            }
            final long remaining = ZooKeeperSpace.remainingNanos(deadline);
            if (remaining <= 0)
            {
                return null;
            }
            changed.await(Math.min(remaining, RECHECK_NANOS), TimeUnit.NANOSECONDS);
        }
    }
}

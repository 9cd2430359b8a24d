package dev.shmem.internal.wait;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The count behind a release's shortcut (no kernel wake when every registered waiter is parked in the releasing
 * process): only nodes queued before the release read the waiter count may stand in for registered waiters.
 */
class WatchTest
{
    @Test
    void aNodeQueuedAfterTheSignallersSnapshotIsNotCounted()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final EventCount events = new EventCount(buffer, 0, new BackoffSleeper());
        final Watch watch = Watch.of(buffer, EventCountDescriptor.SEQUENCE_OFFSET,
            EventCountDescriptor.PENDING_OFFSET, new BackoffSleeper());
        final int sequence = events.prepare();
        final Watch.Node early = new Watch.Node(Thread.currentThread(), sequence);
        assertEquals(Watch.QUEUED, watch.enqueue(early));
        // The signaller's snapshot: it then reads the waiter count (1, this node), and meanwhile another local
        // thread registers and queues.
        final long snapshot = watch.enqueues();
        final int otherSequence = events.prepare();
        final Watch.Node late = new Watch.Node(Thread.currentThread(), otherSequence);
        assertEquals(Watch.QUEUED, watch.enqueue(late));
        try
        {
            // Counting the late node would let a count of 1 (or a waiter of another process) pass as all parked.
            assertEquals(1, watch.wakeLocal(snapshot));
            assertEquals(2, watch.wakeLocal(watch.enqueues()));
        }
        finally
        {
            watch.remove(early);
            watch.remove(late);
            events.cancel();
            events.cancel();
        }
        assertEquals(0, watch.wakeLocal(watch.enqueues()));
    }
}

package dev.shmem.internal.sync;

import dev.shmem.SharedCountDownLatch;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.LongWait;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

import static dev.shmem.internal.sync.CountDownLatchDescriptor.COUNT_OFFSET;
import static dev.shmem.internal.sync.CountDownLatchDescriptor.EVENT_COUNT_OFFSET;

/**
 * The mapped-file implementation of {@link SharedCountDownLatch} (layout: {@link CountDownLatchDescriptor}).
 *
 * <p>Memory consistency effects: every {@link #countDown()} is a CAS (volatile read and write) on the count, so
 * the count-downs form one chain; the waiter's volatile read of 0 pairs with the last CAS of that chain.
 */
public final class MappedCountDownLatch extends SyncEntry implements SharedCountDownLatch
{
    /**
     * @param name       entry name.
     * @param buffer     the entry's buffer.
     * @param attachment this JVM's attachment.
     * @param sleeper    how waiters sleep.
     */
    public MappedCountDownLatch(final String name, final AtomicBuffer buffer, final Attachment attachment,
        final Sleeper sleeper)
    {
        super("count-down latch", name, buffer, attachment, sleeper, EVENT_COUNT_OFFSET);
    }

    @Override
    public void countDown()
    {
        checkOpen();
        while (true)
        {
            // Volatile read then CAS: the CAS chains every count-down; the last one pairs with the waiters' reads.
            final long count = buffer.getLongVolatile(COUNT_OFFSET);
            if (count <= 0)
            {
                return;
            }
            if (buffer.compareAndSetLong(COUNT_OFFSET, count, count - 1))
            {
                if (count == 1)
                {
                    events.signal(Integer.MAX_VALUE);
                }
                return;
            }
        }
    }

    @Override
    public long getCount()
    {
        // Volatile read: pairs with countDown()'s CAS.
        return Math.max(0, buffer.getLongVolatile(COUNT_OFFSET));
    }

    @Override
    public void await() throws InterruptedException
    {
        await(Waiting.NO_TIMEOUT);
    }

    @Override
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return await(Math.max(0, unit.toNanos(timeout)));
    }

    private boolean await(final long timeoutNanos) throws InterruptedException
    {
        final LongWait wait = newLongWait();
        // A latch cannot know which process was going to count down: after a long wait it says what it waits for.
        return awaitInterruptibly(() -> getCount() == 0, () -> warnOnceAfterLongWait(wait, () -> "for latch '" +
            name + "' at count " + getCount() + "; a process that died before counting down never will"),
            timeoutNanos);
    }


    @Override
    public String toString()
    {
        return "SharedCountDownLatch['" + name + "', count " + getCount() + "]";
    }
}

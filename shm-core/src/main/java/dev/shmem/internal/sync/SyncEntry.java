package dev.shmem.internal.sync;

import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.EventCount;
import dev.shmem.internal.wait.LongWait;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What an event, a latch and a barrier share: the entry's name and buffer, this JVM's attachment, one event count
 * the waiters sleep on, the closed-region check and the interruptible wait.
 */
public abstract class SyncEntry
{
    private static final System.Logger LOGGER = System.getLogger("dev.shmem");

    final String name;
    final AtomicBuffer buffer;
    final Attachment attachment;
    final EventCount events;
    /** When a wait on this handle last logged its long-wait warning. */
    private final AtomicLong lastLongWaitWarning = LongWait.newHandleClock();
    private final String kind;

    SyncEntry(final String kind, final String name, final AtomicBuffer buffer, final Attachment attachment,
        final Sleeper sleeper, final int eventCountOffset)
    {
        this.kind = kind;
        this.name = name;
        this.buffer = buffer;
        this.attachment = attachment;
        this.events = new EventCount(buffer, eventCountOffset, sleeper);
    }

    /**
     * @return the entry name.
     */
    public final String name()
    {
        return name;
    }

    /**
     * @throws IllegalStateException if this JVM has closed every handle on the region.
     */
    final void checkOpen()
    {
        if (attachment.isDetached())
        {
            throw new IllegalStateException(kind + " '" + name + "': region " + attachment.region().path() +
                " is closed");
        }
    }

    /**
     * The interruptible wait of {@code await}: checks the region and the interrupt status, then waits.
     *
     * @param done         what the waiter waits for.
     * @param recovery     the periodic check of the other side.
     * @param timeoutNanos longest wait, or {@link Waiting#NO_TIMEOUT}.
     * @return true if {@code done} succeeded, false on timeout.
     * @throws InterruptedException if interrupted on entry or while waiting.
     */
    final boolean awaitInterruptibly(final Waiting.Attempt done, final Waiting.Recovery recovery,
        final long timeoutNanos) throws InterruptedException
    {
        checkOpen();
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
        return done.tryOnce() ||
            Waiting.await(events, done, recovery, timeoutNanos, Waiting.Interruption.THROW,
                Waiting.Spin.SPIN_THEN_PARK);
    }

    /**
     * For a wait's periodic recovery (at most every {@link Waiting#LIVENESS_INTERVAL_NANOS}): logs the wait's one
     * long-wait warning when it is due ({@link LongWait}), saying what it waits for.
     *
     * @param wait    the wait, made with {@link #newLongWait()} when it started.
     * @param waiting what the waiter waits for, e.g. "for latch 'x' at count 3".
     * @return false, so that it can be the whole recovery of a wait that has nothing to recover.
     */
    static boolean warnOnceAfterLongWait(final LongWait wait, final Supplier<String> waiting)
    {
        final long now = System.nanoTime();
        if (wait.due(now))
        {
            LOGGER.log(Level.WARNING, "waiting " + TimeUnit.NANOSECONDS.toSeconds(now - wait.start()) + " s " +
                waiting.get());
        }
        return false;
    }

    /**
     * @return the long-wait state of a wait on this handle that starts now.
     */
    final LongWait newLongWait()
    {
        return new LongWait(lastLongWaitWarning);
    }
}

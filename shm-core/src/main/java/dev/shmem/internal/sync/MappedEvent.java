package dev.shmem.internal.sync;

import dev.shmem.SharedEvent;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.LongWait;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import java.util.concurrent.TimeUnit;

import static dev.shmem.internal.sync.EventDescriptor.EVENT_COUNT_OFFSET;
import static dev.shmem.internal.sync.EventDescriptor.SET_BIT;
import static dev.shmem.internal.sync.EventDescriptor.SET_INCREMENT;
import static dev.shmem.internal.sync.EventDescriptor.STATE_OFFSET;

/**
 * The mapped-file implementation of {@link SharedEvent} (layout: {@link EventDescriptor}).
 *
 * <p>Memory consistency effects: the CAS of {@link #set()} is a volatile write; the volatile read of the state by
 * a waiter or by {@link #isSet()} that sees it (or sees a later set count) makes the setter's prior actions visible.
 */
public final class MappedEvent extends SyncEntry implements SharedEvent
{
    /**
     * @param name       entry name.
     * @param buffer     the entry's buffer.
     * @param attachment this JVM's attachment.
     * @param sleeper    how waiters sleep.
     */
    public MappedEvent(final String name, final AtomicBuffer buffer, final Attachment attachment,
        final Sleeper sleeper)
    {
        super("event", name, buffer, attachment, sleeper, EVENT_COUNT_OFFSET);
    }

    @Override
    public void set()
    {
        checkOpen();
        while (true)
        {
            // Volatile read then CAS: the CAS (a volatile write) pairs with the waiters' volatile reads of the state.
            final long state = buffer.getLongVolatile(STATE_OFFSET);
            if ((state & SET_BIT) != 0)
            {
                return;
            }
            if (buffer.compareAndSetLong(STATE_OFFSET, state, (state + SET_INCREMENT) | SET_BIT))
            {
                events.signal(Integer.MAX_VALUE);
                return;
            }
        }
    }

    @Override
    public void clear()
    {
        checkOpen();
        while (true)
        {
            // Volatile read then CAS: keeps the set count, pairs with set()'s CAS.
            final long state = buffer.getLongVolatile(STATE_OFFSET);
            if ((state & SET_BIT) == 0 || buffer.compareAndSetLong(STATE_OFFSET, state, state & ~SET_BIT))
            {
                return;
            }
        }
    }

    @Override
    public boolean isSet()
    {
        checkOpen();
        // Volatile read: pairs with set()'s CAS.
        return (buffer.getLongVolatile(STATE_OFFSET) & SET_BIT) != 0;
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
        // Volatile reads: pair with set()'s CAS. A set since entry releases this waiter even if a clear followed
        // before it ran (the state's set count changed).
        final long entry = buffer.getLongVolatile(STATE_OFFSET);
        final LongWait wait = newLongWait();
        return awaitInterruptibly(() -> (entry & SET_BIT) != 0 || buffer.getLongVolatile(STATE_OFFSET) != entry,
            () -> warnOnceAfterLongWait(wait, () -> "for event '" + name + "' to be set"), timeoutNanos);
    }

    @Override
    public String toString()
    {
        return "SharedEvent['" + name + "', " + ((buffer.getLongVolatile(STATE_OFFSET) & SET_BIT) != 0 ?
            "set" : "clear") + "]";
    }
}

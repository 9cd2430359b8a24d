package dev.shmem.internal.queue;

import dev.shmem.SharedQueue;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.EventCount;
import dev.shmem.internal.wait.Sleeper;
import dev.shmem.internal.diag.Diagnostics;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static dev.shmem.internal.queue.QueueDescriptor.CLOSED_BIT;
import static dev.shmem.internal.queue.QueueDescriptor.HEAD_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.LOST_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.NOT_EMPTY_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.NOT_FULL_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.SKIPPED_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.SLOT_LENGTH_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.TAIL_OFFSET;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedQueue}: the verbs, the waiting and the message
 * copies (or views); the slot protocol is {@link QueueRing}'s. The slot count is a power of two (the factory
 * rounds it up), so that a position's slot is found with a mask.
 */
public final class MappedQueue implements SharedQueue
{
    /** Largest ring whose slot views a handle keeps (about 100 bytes each). */
    private static final int MAX_CACHED_VIEWS = 1 << 14;

    private final String name;
    private final AtomicBuffer buffer;
    private final Attachment attachment;
    private final EventCount notEmpty;
    private final EventCount notFull;
    private final QueueRing ring;
    private final int slots;
    private final int maxMessageBytes;
    /** A read-only duplicate of the whole mapping, sliced per message by the zero-copy readers (or null). */
    private final ByteBuffer views;
    /** Index of the entry's byte 0 in {@link #views}. */
    private final int viewsBase;
    /**
     * Views of each slot's payload, made once, for the first thread that reads through this handle (others
     * make a view per message): a read then only sets the view's position and limit. Written and read by that
     * thread only.
     */
    private ByteBuffer[] slotViews;
    private volatile Thread slotViewsOwner;

    /**
     * @param name            entry name.
     * @param buffer          the entry's bytes.
     * @param attachment      this process's attachment to the region.
     * @param sleeper         how waiters sleep.
     * @param slots           ring slots, a power of two.
     * @param maxMessageBytes largest message.
     * @param stride          bytes per slot.
     * @throws IllegalArgumentException if {@code slots} is not a power of two.
     */
    public MappedQueue(final String name, final AtomicBuffer buffer, final Attachment attachment, final Sleeper sleeper,
        final int slots, final int maxMessageBytes, final int stride)
    {
        this.name = name;
        this.buffer = buffer;
        this.attachment = attachment;
        this.notEmpty = new EventCount(buffer, NOT_EMPTY_OFFSET, sleeper);
        this.notFull = new EventCount(buffer, NOT_FULL_OFFSET, sleeper);
        this.ring = new QueueRing(name, buffer, attachment.region().processes(), attachment.processStamp(), notEmpty,
            notFull, slots, maxMessageBytes, stride);
        this.slots = slots;
        this.maxMessageBytes = maxMessageBytes;
        final ByteBuffer mapping = buffer.byteBuffer();
        this.views = mapping == null ? null : mapping.asReadOnlyBuffer().clear();
        this.viewsBase = mapping == null ? 0 : buffer.wrapAdjustment();
    }

    @Override
    public String name()
    {
        return name;
    }

    /**
     * @return the number of slots (the requested count rounded up to a power of two).
     */
    @Override
    public int capacity()
    {
        return slots;
    }

    @Override
    public int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    @Override
    public boolean offer(final byte[] message)
    {
        checkLength(message.length);
        return tryOffer(message);
    }

    @Override
    public boolean offer(final byte[] message, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkLength(message.length);
        return tryOffer(message) || awaitRoom(message, Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public void put(final byte[] message) throws InterruptedException
    {
        checkLength(message.length);
        if (!tryOffer(message))
        {
            awaitRoom(message, Waiting.NO_TIMEOUT);
        }
    }

    @Override
    public byte[] poll()
    {
        checkAttached();
        return tryPoll();
    }

    @Override
    public byte[] poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkAttached();
        final byte[] message = tryPoll();
        return message != null ? message : awaitMessage(Math.max(0, unit.toNanos(timeout)));
    }

    @Override
    public byte[] take() throws InterruptedException
    {
        checkAttached();
        final byte[] message = tryPoll();
        return message != null ? message : awaitMessage(Waiting.NO_TIMEOUT);
    }

    @Override
    public void close()
    {
        ring.close();
        notEmpty.signal(Integer.MAX_VALUE);
        notFull.signal(Integer.MAX_VALUE);
    }

    /**
     * @return true once {@link #close()} has been called by any process.
     */
    @Override
    public boolean isClosed()
    {
        return (buffer.getLongVolatile(TAIL_OFFSET) & CLOSED_BIT) != 0;
    }

    /**
     * @return true if the queue is closed and every message offered before the close has been taken.
     */
    @Override
    public boolean isEndOfStream()
    {
        final long tail = buffer.getLongVolatile(TAIL_OFFSET);
        return (tail & CLOSED_BIT) != 0 && buffer.getLongVolatile(HEAD_OFFSET) >= (tail & ~CLOSED_BIT);
    }

    /**
     * @return the number of messages offered and not yet taken (a snapshot; may include messages being written).
     */
    @Override
    public int size()
    {
        final long head = buffer.getLongVolatile(HEAD_OFFSET);
        final long tail = buffer.getLongVolatile(TAIL_OFFSET) & ~CLOSED_BIT;
        return (int)Math.max(0, Math.min(slots, tail - head));
    }

    /**
     * @return true if {@link #size()} is 0.
     */
    @Override
    public boolean isEmpty()
    {
        return size() == 0;
    }

    /**
     * @return positions skipped because their producer died before publishing them, over the queue's life.
     */
    public long skippedAfterDeadProducers()
    {
        return buffer.getLongVolatile(SKIPPED_OFFSET);
    }

    /**
     * @return messages lost because their consumer died while taking them, over the queue's life.
     */
    public long lostWithDeadConsumers()
    {
        return buffer.getLongVolatile(LOST_OFFSET);
    }

    /**
     * Checks the slot at the head now, as a waiting consumer does: if a producer that died claimed it, finishes
     * that producer's offer with a tombstone (counted in {@link #skippedAfterDeadProducers()}).
     *
     * @return true if it took a dead producer's slot over.
     */
    public boolean recoverAtHead()
    {
        checkAttached();
        return ring.recoverAtHead();
    }

    /**
     * Offers the bytes from position to limit, copied once, straight into the slot.
     */
    @Override
    public boolean offer(final ByteBuffer message)
    {
        final int length = message.remaining();
        checkLength(length);
        final long position = ring.claimForWrite();
        if (position == QueueRing.NONE)
        {
            return false;
        }
        final int slot = ring.slotOffset(position);
        buffer.putInt(slot + SLOT_LENGTH_OFFSET, length);
        buffer.putBytes(ring.payloadOffset(position), message, message.position(), length);
        ring.publish(position);
        return true;
    }

    /**
     * Hands the next message to {@code reader} as a read-only, big-endian view of its slot (no copy); the slot
     * stays claimed by this process, so that no producer can write it, until the reader returns (or throws: the
     * message is taken all the same).
     */
    @Override
    public boolean poll(final Consumer<ByteBuffer> reader)
    {
        checkAttached();
        final long position = ring.claimForRead();
        if (position == QueueRing.NONE)
        {
            return false;
        }
        read(position, reader);
        return true;
    }

    @Override
    public int drain(final Consumer<ByteBuffer> reader, final int max)
    {
        if (max < 1)
        {
            throw new IllegalArgumentException("drain max " + max + " for queue '" + name + "': expected 1 or more");
        }
        checkAttached();
        int n = 0;
        long position = ring.claimForRead();
        long last = position;
        try
        {
            while (position != QueueRing.NONE)
            {
                last = position;
                read(position, reader);
                if (++n == max)
                {
                    break;
                }
                position = ring.claimForReadAfter(position);
            }
        }
        finally
        {
            if (last != QueueRing.NONE)
            {
                ring.finishDrain(last);
            }
        }
        return n;
    }

    @Override
    public String toString()
    {
        return "SharedQueue['" + name + "', " + size() + " of " + slots + (isClosed() ? ", closed]" : "]");
    }

    private void read(final long position, final Consumer<ByteBuffer> reader)
    {
        try
        {
            final int length = ring.length(position);
            final int payload = ring.payloadOffset(position);
            if (views != null)
            {
                reader.accept(view(position, payload, length));
            }
            else
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(payload, copy);
                reader.accept(ByteBuffer.wrap(copy).asReadOnlyBuffer());
            }
        }
        finally
        {
            ring.free(position);
        }
    }

    private ByteBuffer view(final long position, final int payload, final int length)
    {
        final Thread self = Thread.currentThread();
        Thread owner = slotViewsOwner;
        if (owner == null && slots <= MAX_CACHED_VIEWS)
        {
            synchronized (this)
            {
                if (slotViewsOwner == null)
                {
                    slotViews = new ByteBuffer[slots];
                    slotViewsOwner = self;
                }
                owner = slotViewsOwner;
            }
        }
        if (owner != self)
        {
            return views.slice(viewsBase + payload, length);
        }
        final int index = (int)(position & (slots - 1));
        ByteBuffer view = slotViews[index];
        if (view == null)
        {
            view = views.slice(viewsBase + payload, maxMessageBytes);
            slotViews[index] = view;
        }
        view.limit(length).position(0);
        return view;
    }

    private boolean tryOffer(final byte[] message)
    {
        final long position = ring.claimForWrite();
        if (position == QueueRing.NONE)
        {
            return false;
        }
        buffer.putInt(ring.slotOffset(position) + SLOT_LENGTH_OFFSET, message.length);
        buffer.putBytes(ring.payloadOffset(position), message);
        ring.publish(position);
        return true;
    }

    private byte[] tryPoll()
    {
        final long position = ring.claimForRead();
        if (position == QueueRing.NONE)
        {
            return null;
        }
        final byte[] message = new byte[ring.length(position)];
        buffer.getBytes(ring.payloadOffset(position), message);
        ring.free(position);
        return message;
    }

    private boolean awaitRoom(final byte[] message, final long timeoutNanos) throws InterruptedException
    {
        final Object event = Diagnostics.beginQueueWait();
        boolean offered = false;
        try
        {
            offered = Waiting.await(notFull, () -> tryOffer(message), () ->
            {
                ring.recoverAtTail();
                return false;
            }, timeoutNanos, Waiting.Interruption.THROW, Waiting.Spin.SPIN_THEN_PARK);
            return offered;
        }
        finally
        {
            Diagnostics.offered(event, name, offered);
        }
    }

    private byte[] awaitMessage(final long timeoutNanos) throws InterruptedException
    {
        final byte[][] taken = new byte[1][];
        Waiting.await(notEmpty, () -> (taken[0] = tryPoll()) != null || isEndOfStream(), () ->
        {
            ring.recoverAtHead();
            return false;
        }, timeoutNanos, Waiting.Interruption.THROW, Waiting.Spin.SPIN_THEN_PARK);
        return taken[0];
    }

    private void checkLength(final int length)
    {
        if (length > maxMessageBytes)
        {
            throw new IllegalArgumentException("message of " + length + " bytes is longer than queue '" +
                name + "' allows (" + maxMessageBytes + " bytes)");
        }
        checkAttached();
    }

    private void checkAttached()
    {
        if (attachment.isDetached())
        {
            throw new IllegalStateException("queue '" + name + "': region " + attachment.region().path() +
                " is closed");
        }
    }
}

package dev.shmem.internal.queue;

import dev.shmem.SharedQueue;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.wait.EventCount;
import dev.shmem.internal.wait.Sleeper;
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
import static dev.shmem.internal.queue.QueueDescriptor.POSITION_BITS;
import static dev.shmem.internal.queue.QueueDescriptor.POSITION_MASK;
import static dev.shmem.internal.queue.QueueDescriptor.SKIPPED_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.SLOTS_START;
import static dev.shmem.internal.queue.QueueDescriptor.SLOT_LENGTH_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.SLOT_PAYLOAD_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.SLOT_SEQUENCE_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.TAIL_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.TOMBSTONE;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedQueue}.
 */
public final class MappedQueue implements SharedQueue
{
    private static final int CLAIMER_SHIFT = POSITION_BITS;

    private final String name;
    private final AtomicBuffer buffer;
    private final Attachment attachment;
    private final ProcessTable processes;
    private final EventCount notEmpty;
    private final EventCount notFull;
    private final int slots;
    private final int maxMessageBytes;
    private final int stride;
    private final long claimer;

    public MappedQueue(final String name, final AtomicBuffer buffer, final Attachment attachment, final Sleeper sleeper,
        final int slots, final int maxMessageBytes, final int stride)
    {
        this.name = name;
        this.buffer = buffer;
        this.attachment = attachment;
        this.processes = attachment.region().processes();
        this.notEmpty = new EventCount(buffer, NOT_EMPTY_OFFSET, sleeper);
        this.notFull = new EventCount(buffer, NOT_FULL_OFFSET, sleeper);
        this.slots = slots;
        this.maxMessageBytes = maxMessageBytes;
        this.stride = stride;
        final long stamp = attachment.processStamp();
        this.claimer = ((long)(ProcessTable.slotOf(stamp) + 1) << 16) | ProcessTable.generationOf(stamp);
    }

    /**
     * @return the entry name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the number of slots.
     */
    public int capacity()
    {
        return slots;
    }

    /**
     * @return the largest message in bytes.
     */
    public int maxMessageBytes()
    {
        return maxMessageBytes;
    }

    /**
     * Adds a message if there is room now.
     *
     * @param message the bytes (copied).
     * @return true if added, false if the queue is full.
     * @throws IllegalArgumentException if longer than {@link #maxMessageBytes()}.
     * @throws IllegalStateException    if the queue is closed.
     */
    public boolean offer(final byte[] message)
    {
        checkMessage(message);
        return tryOffer(message);
    }

    /**
     * Adds a message, waiting up to the timeout for room.
     *
     * @param message the bytes (copied).
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return true if added, false if the time elapsed first.
     * @throws InterruptedException     if interrupted while waiting; nothing is added then.
     * @throws IllegalArgumentException if longer than {@link #maxMessageBytes()}.
     * @throws IllegalStateException    if the queue is (or becomes) closed.
     */
    public boolean offer(final byte[] message, final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkMessage(message);
        return tryOffer(message) || awaitRoom(message, Math.max(0, unit.toNanos(timeout)));
    }

    /**
     * Adds a message, waiting as long as it takes for room.
     *
     * @param message the bytes (copied).
     * @throws InterruptedException     if interrupted while waiting; nothing is added then.
     * @throws IllegalArgumentException if longer than {@link #maxMessageBytes()}.
     * @throws IllegalStateException    if the queue is (or becomes) closed.
     */
    public void put(final byte[] message) throws InterruptedException
    {
        checkMessage(message);
        if (!tryOffer(message))
        {
            awaitRoom(message, Waiting.NO_TIMEOUT);
        }
    }

    /**
     * Removes the oldest message if there is one now.
     *
     * @return the message, or null if the queue is empty (see {@link #isEndOfStream()}).
     */
    public byte[] poll()
    {
        checkAttached();
        return tryPoll();
    }

    /**
     * Removes the oldest message, waiting up to the timeout for one.
     *
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return the message, or null if the time elapsed first or the queue reached end of stream.
     * @throws InterruptedException if interrupted while waiting; nothing is removed then.
     */
    public byte[] poll(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        checkAttached();
        final byte[] message = tryPoll();
        return message != null ? message : awaitMessage(Math.max(0, unit.toNanos(timeout)));
    }

    /**
     * Removes the oldest message, waiting as long as it takes for one.
     *
     * @return the message, or null once the queue is closed and every message has been taken (end of stream).
     * @throws InterruptedException if interrupted while waiting; nothing is removed then.
     */
    public byte[] take() throws InterruptedException
    {
        checkAttached();
        final byte[] message = tryPoll();
        return message != null ? message : awaitMessage(Waiting.NO_TIMEOUT);
    }

    /**
     * Closes the queue for producers, in every process. Idempotent.
     */
    public void close()
    {
        while (true)
        {
            final long tail = buffer.getLongVolatile(TAIL_OFFSET);
            // CAS on the tail: serialises the close with every producer's commit of a position.
            if ((tail & CLOSED_BIT) != 0 || buffer.compareAndSetLong(TAIL_OFFSET, tail, tail | CLOSED_BIT))
            {
                break;
            }
        }
        notEmpty.signal(Integer.MAX_VALUE);
        notFull.signal(Integer.MAX_VALUE);
    }

    /**
     * @return true once {@link #close()} has been called by any process.
     */
    public boolean isClosed()
    {
        return (buffer.getLongVolatile(TAIL_OFFSET) & CLOSED_BIT) != 0;
    }

    /**
     * @return true if the queue is closed and every message offered before the close has been taken.
     */
    public boolean isEndOfStream()
    {
        final long tail = buffer.getLongVolatile(TAIL_OFFSET);
        return (tail & CLOSED_BIT) != 0 && buffer.getLongVolatile(HEAD_OFFSET) >= (tail & ~CLOSED_BIT);
    }

    /**
     * @return the number of messages offered and not yet taken (a snapshot; may include messages being written).
     */
    public int size()
    {
        final long head = buffer.getLongVolatile(HEAD_OFFSET);
        final long tail = buffer.getLongVolatile(TAIL_OFFSET) & ~CLOSED_BIT;
        return (int)Math.max(0, Math.min(slots, tail - head));
    }

    /**
     * @return true if {@link #size()} is 0.
     */
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
     * Offers the bytes from position to limit (copied once into a temporary array; zero-copy comes with the
     * queue's ring-buffer rework).
     *
     * @param message the message bytes.
     * @return true if offered.
     */
    @Override
    public boolean offer(final ByteBuffer message)
    {
        final byte[] bytes = new byte[message.remaining()];
        message.duplicate().get(bytes);
        return offer(bytes);
    }

    @Override
    public boolean poll(final Consumer<ByteBuffer> reader)
    {
        final byte[] message = poll();
        if (message == null)
        {
            return false;
        }
        reader.accept(ByteBuffer.wrap(message).asReadOnlyBuffer());
        return true;
    }

    @Override
    public int drain(final Consumer<ByteBuffer> reader, final int max)
    {
        if (max < 1)
        {
            throw new IllegalArgumentException("drain max " + max + " for queue '" + name + "': expected 1 or more");
        }
        int n = 0;
        while (n < max && poll(reader))
        {
            n++;
        }
        return n;
    }

    @Override
    public String toString()
    {
        return "SharedQueue['" + name + "', " + size() + " of " + slots + (isClosed() ? ", closed]" : "]");
    }

    private boolean tryOffer(final byte[] message)
    {
        while (true)
        {
            final long tail = buffer.getLongVolatile(TAIL_OFFSET);
            if ((tail & CLOSED_BIT) != 0)
            {
                throw new IllegalStateException("queue '" + name + "' is closed");
            }
            final int slot = slotOffset(tail);
            final long word = buffer.getLongVolatile(slot + SLOT_SEQUENCE_OFFSET);
            final long diff = positionDiff(word, tail);
            if (diff == 0)
            {
                if (claimerOf(word) == 0)
                {
                    // CAS: claims the slot for this position and records who writes it.
                    if (buffer.compareAndSetLong(slot + SLOT_SEQUENCE_OFFSET, word, sequence(claimer, tail)))
                    {
                        if (!commit(tail))
                        {
                            // Closed between our claim and our commit: give the slot back, unwritten.
                            buffer.putLongRelease(slot + SLOT_SEQUENCE_OFFSET, word);
                            throw new IllegalStateException("queue '" + name + "' is closed");
                        }
                        buffer.putInt(slot + SLOT_LENGTH_OFFSET, message.length);
                        buffer.putBytes(slot + SLOT_PAYLOAD_OFFSET, message);
                        // Release: publishes length and payload; pairs with the consumer's acquire in tryPoll().
                        buffer.putLongRelease(slot + SLOT_SEQUENCE_OFFSET, sequence(0, tail + 1));
                        notEmpty.signal(1);
                        return true;
                    }
                }
                else
                {
                    // Another producer claimed this position: help it commit, then try the next one.
                    buffer.compareAndSetLong(TAIL_OFFSET, tail, tail + 1);
                }
            }
            else if (diff < 0)
            {
                if (buffer.getLongVolatile(TAIL_OFFSET) == tail)
                {
                    return false;
                }
            }
        }
    }

    /**
     * Moves the tail past a position this producer claimed.
     *
     * @return true if the position is committed (by us or a helper), false if the queue closed first.
     */
    private boolean commit(final long position)
    {
        while (true)
        {
            final long tail = buffer.getLongVolatile(TAIL_OFFSET);
            if ((tail & ~CLOSED_BIT) > position)
            {
                return true;
            }
            if ((tail & CLOSED_BIT) != 0)
            {
                return false;
            }
            // CAS: pairs with close()'s CAS; fails only if a helper committed it or the queue closed.
            if (buffer.compareAndSetLong(TAIL_OFFSET, position, position + 1))
            {
                return true;
            }
        }
    }

    private byte[] tryPoll()
    {
        while (true)
        {
            final long head = buffer.getLongVolatile(HEAD_OFFSET);
            final int slot = slotOffset(head);
            // Acquire: pairs with the producer's publishing release store.
            final long word = buffer.getLongAcquire(slot + SLOT_SEQUENCE_OFFSET);
            final long diff = positionDiff(word, head + 1);
            if (diff == 0)
            {
                if (claimerOf(word) == 0)
                {
                    // CAS: claims the published slot for reading and records who reads it.
                    if (buffer.compareAndSetLong(slot + SLOT_SEQUENCE_OFFSET, word, sequence(claimer, head + 1)))
                    {
                        buffer.compareAndSetLong(HEAD_OFFSET, head, head + 1);
                        final int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
                        byte[] message = null;
                        if (length != TOMBSTONE)
                        {
                            message = new byte[length];
                            buffer.getBytes(slot + SLOT_PAYLOAD_OFFSET, message);
                        }
                        // Release: frees the slot for the next round; pairs with the producer's claiming CAS.
                        buffer.putLongRelease(slot + SLOT_SEQUENCE_OFFSET, sequence(0, head + slots));
                        notFull.signal(1);
                        if (message != null)
                        {
                            return message;
                        }
                    }
                }
                else
                {
                    buffer.compareAndSetLong(HEAD_OFFSET, head, head + 1);
                }
            }
            else if (diff < 0)
            {
                if (buffer.getLongVolatile(HEAD_OFFSET) == head)
                {
                    return null;
                }
            }
        }
    }

    private boolean awaitRoom(final byte[] message, final long timeoutNanos) throws InterruptedException
    {
        return Waiting.await(notFull, () -> tryOffer(message), this::recoverFromDeadConsumer, timeoutNanos,
            Waiting.Interruption.THROW);
    }

    private byte[] awaitMessage(final long timeoutNanos) throws InterruptedException
    {
        final byte[][] taken = new byte[1][];
        Waiting.await(notEmpty, () -> (taken[0] = tryPoll()) != null || isEndOfStream(),
            this::recoverFromDeadProducer, timeoutNanos, Waiting.Interruption.THROW);
        return taken[0];
    }

    /**
     * A consumer waiting on an empty queue: if the slot at the head is claimed by a producer that died, skip it
     * (tombstone) if its position was committed, or give it back if not.
     */
    private boolean recoverFromDeadProducer()
    {
        final long head = buffer.getLongVolatile(HEAD_OFFSET);
        final int slot = slotOffset(head);
        final long word = buffer.getLongVolatile(slot + SLOT_SEQUENCE_OFFSET);
        final long who = claimerOf(word);
        if (who == 0 || who == claimer || positionDiff(word, head) != 0 || isClaimerAlive(who))
        {
            return false;
        }
        final long tail = buffer.getLongVolatile(TAIL_OFFSET) & ~CLOSED_BIT;
        if (tail > head)
        {
            // Committed but never published: take the claim over, mark the slot a tombstone, publish it.
            if (buffer.compareAndSetLong(slot + SLOT_SEQUENCE_OFFSET, word, sequence(claimer, head)))
            {
                buffer.putInt(slot + SLOT_LENGTH_OFFSET, TOMBSTONE);
                buffer.getAndAddLong(SKIPPED_OFFSET, 1);
                buffer.putLongRelease(slot + SLOT_SEQUENCE_OFFSET, sequence(0, head + 1));
                notEmpty.signal(Integer.MAX_VALUE);
            }
        }
        else
        {
            // Claimed, never committed: the position is free again.
            buffer.compareAndSetLong(slot + SLOT_SEQUENCE_OFFSET, word, sequence(0, head));
        }
        return false;
    }

    /**
     * A producer waiting on a full queue: if the slot at the tail is still being read by a consumer that died,
     * free it (its message is lost with the consumer).
     */
    private boolean recoverFromDeadConsumer()
    {
        final long tail = buffer.getLongVolatile(TAIL_OFFSET) & ~CLOSED_BIT;
        final int slot = slotOffset(tail);
        final long word = buffer.getLongVolatile(slot + SLOT_SEQUENCE_OFFSET);
        final long who = claimerOf(word);
        if (who == 0 || who == claimer || positionDiff(word, tail - slots + 1) != 0 || isClaimerAlive(who))
        {
            return false;
        }
        if (buffer.compareAndSetLong(slot + SLOT_SEQUENCE_OFFSET, word, sequence(0, tail)))
        {
            buffer.compareAndSetLong(HEAD_OFFSET, tail - slots, tail - slots + 1);
            buffer.getAndAddLong(LOST_OFFSET, 1);
            notFull.signal(Integer.MAX_VALUE);
        }
        return false;
    }

    private boolean isClaimerAlive(final long who)
    {
        return processes.isAlive(ProcessTable.processStamp((int)(who >>> 16) - 1, (int)(who & 0xFFFF)));
    }

    private int slotOffset(final long position)
    {
        return SLOTS_START + (int)Long.remainderUnsigned(position, slots) * stride;
    }

    private static long sequence(final long claimerId, final long position)
    {
        return (claimerId << CLAIMER_SHIFT) | (position & POSITION_MASK);
    }

    private static long claimerOf(final long word)
    {
        return word >>> CLAIMER_SHIFT;
    }

    /**
     * @return the position in {@code word} minus {@code position}, modulo 2^40, sign-extended.
     */
    private static long positionDiff(final long word, final long position)
    {
        return ((word - position) << (64 - POSITION_BITS)) >> (64 - POSITION_BITS);
    }

    private void checkMessage(final byte[] message)
    {
        if (message.length > maxMessageBytes)
        {
            throw new IllegalArgumentException("message of " + message.length + " bytes is longer than queue '" +
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

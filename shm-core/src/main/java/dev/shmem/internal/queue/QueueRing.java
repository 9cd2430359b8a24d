package dev.shmem.internal.queue;

import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.wait.EventCount;
import dev.shmem.internal.wait.Waiting;

import org.agrona.concurrent.AtomicBuffer;

import static dev.shmem.internal.queue.QueueDescriptor.CLOSED_BIT;
import static dev.shmem.internal.queue.QueueDescriptor.HEAD_OFFSET;
import static dev.shmem.internal.queue.QueueDescriptor.LOST_OFFSET;
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
 * The slot protocol of a queue entry (see {@link QueueDescriptor} and docs/FORMAT.md): claiming a position for a
 * producer or a consumer, publishing and freeing slots, and taking over the slots of dead processes. It does not
 * copy messages: {@link MappedQueue} writes and reads the payload between a claim and its publish or free.
 *
 * <p>Every loop here ends: each pass either returns, throws, or follows a change of {@code Tail} or {@code Head}
 * made by another process (a step of progress of the queue). A word that no valid history can produce (a slot
 * ahead of a position that has not moved, a length over the maximum) throws {@link IllegalStateException} naming
 * the slot, what it holds and what was expected.
 *
 * <p>A slot stuck behind a process that stopped half-way (a producer that claimed it, a consumer reading it) is
 * noticed by whoever keeps finding it in the way: the first call that sees it remembers the position and the
 * time, and a later call (of any verb, with any timeout, blocking or not) that still finds it there at least
 * {@link Waiting#LIVENESS_INTERVAL_NANOS} later asks the process table whether the claimer is alive. So the
 * delay does not depend on how callers slice their timeouts.
 */
final class QueueRing
{
    /** {@link #claimForRead()}'s answer when there is no message now. */
    static final long NONE = -1;

    private static final int CLAIMER_SHIFT = POSITION_BITS;

    private final String name;
    private final AtomicBuffer buffer;
    private final ProcessTable processes;
    private final EventCount notEmpty;
    private final EventCount notFull;
    private final int slots;
    private final long mask;
    private final int stride;
    private final int maxMessageBytes;
    private final long claimer;
    private final Stall producerStall = new Stall();
    private final Stall consumerStall = new Stall();
    /**
     * Whether this handle's last claim found the queue full (empty): then the next claim reads the slot before
     * it tries a CAS. Plain fields: a stale value costs one extra read or one failed CAS, nothing else.
     */
    private boolean producerSawFull;
    private boolean consumerSawEmpty;
    /** The last claimer id this handle found dead (0: none); plain, as above. */
    private long knownDead;

    QueueRing(final String name, final AtomicBuffer buffer, final ProcessTable processes, final long processStamp,
        final EventCount notEmpty, final EventCount notFull, final int slots, final int maxMessageBytes,
        final int stride)
    {
        if (Integer.bitCount(slots) != 1)
        {
            throw new IllegalArgumentException("queue '" + name + "' slots " + slots + ": expected a power of two");
        }
        this.name = name;
        this.buffer = buffer;
        this.processes = processes;
        this.notEmpty = notEmpty;
        this.notFull = notFull;
        this.slots = slots;
        this.mask = slots - 1;
        this.stride = stride;
        this.maxMessageBytes = maxMessageBytes;
        this.claimer = ((long)(ProcessTable.slotOf(processStamp) + 1) << 16) | ProcessTable.generationOf(processStamp);
    }

    /**
     * @param position a queue position.
     * @return the offset of its slot in the entry.
     */
    int slotOffset(final long position)
    {
        return SLOTS_START + (int)(position & mask) * stride;
    }

    /**
     * Claims and commits the next producer position, if there is room now.
     *
     * @return the position (write its slot, then {@link #publish}), or {@link #NONE} if the queue is full.
     * @throws IllegalStateException if the queue is closed, or its words are corrupt.
     */
    long claimForWrite()
    {
        long tail = buffer.getLongVolatile(TAIL_OFFSET);
        while (true)
        {
            if ((tail & CLOSED_BIT) != 0)
            {
                throw new IllegalStateException("queue '" + name + "' is closed");
            }
            final int slot = slotOffset(tail);
            final long free = sequence(0, tail);
            // After a full queue, look before claiming: a failed CAS would still take the line from the consumer.
            // Volatile: pairs with the release stores that free the slot (consumer) and with the claiming CASes.
            long word = producerSawFull ? buffer.getLongVolatile(slot + SLOT_SEQUENCE_OFFSET) : free;
            if (word == free)
            {
                // CAS (exchange): claims the slot for this position and records who writes it, or returns what
                // the slot holds; pairs with other producers' claims and with the recoverer's CAS of a dead
                // claimer's word.
                word = buffer.compareAndExchangeLong(slot + SLOT_SEQUENCE_OFFSET, free, sequence(claimer, tail));
                if (word == free)
                {
                    producerSawFull = false;
                    if (commit(tail))
                    {
                        return tail;
                    }
                    // Closed between our claim and our commit: give the slot back, unwritten. Nobody can
                    // commit this position any more (the tail has the CLOSED bit).
                    buffer.putLongRelease(slot + SLOT_SEQUENCE_OFFSET, free);
                    throw new IllegalStateException("queue '" + name + "' is closed");
                }
            }
            final long diff = positionDiff(word, tail);
            final long who = claimerOf(word);
            if (diff == 0)
            {
                if (who != 0)
                {
                    // Claimed by another producer (or a recoverer): help commit it, then try the next position.
                    // CAS: pairs with commit() and close(); fails harmlessly if it moved or closed.
                    buffer.compareAndSetLong(TAIL_OFFSET, tail, tail + 1);
                }
                tail = buffer.getLongVolatile(TAIL_OFFSET);
                continue;
            }
            final long now = buffer.getLongVolatile(TAIL_OFFSET);
            if (now != tail)
            {
                tail = now;
                continue;
            }
            if (diff == 1 - slots || (diff == -slots && who != 0))
            {
                // Full: the previous round's message is still there (published or being read), or its producer
                // is still writing it.
                producerSawFull = true;
                if (who != 0 && who != claimer && (who == knownDead || producerStall.isLong(tail)))
                {
                    if (diff == 1 - slots ? recoverDeadConsumer(tail - slots, word) :
                        recoverDeadProducer(tail - slots, word))
                    {
                        tail = buffer.getLongVolatile(TAIL_OFFSET);
                        continue;
                    }
                }
                return NONE;
            }
            throw corrupt("producer", tail, slot, word, "(0, " + tail + ") or an earlier round");
        }
    }

    /**
     * Publishes a written slot ({@code Length} and payload complete) for consumers.
     *
     * @param position a position returned by {@link #claimForWrite()}.
     */
    void publish(final long position)
    {
        // Release: publishes length and payload; pairs with the consumer's acquire load in claimForRead().
        buffer.putLongRelease(slotOffset(position) + SLOT_SEQUENCE_OFFSET, sequence(0, position + 1));
        notEmpty.signal(1);
    }

    /**
     * Claims the oldest published message, if there is one now, skipping tombstones.
     *
     * @return its position (read its slot, then {@link #free}), or {@link #NONE} if the queue is empty now.
     * @throws IllegalStateException if the queue's words are corrupt (a bad length frees the slot first).
     */
    long claimForRead()
    {
        return claimForRead(buffer.getLongVolatile(HEAD_OFFSET));
    }

    /**
     * Claims the message after one this consumer just took (a drain's next step): tries that position first,
     * without reading or moving {@code Head} (the drain moves it once, in {@link #finishDrain}); other consumers
     * that find these claims at the head help move it meanwhile.
     *
     * @param previous a position this handle claimed and has freed in this drain.
     * @return as {@link #claimForRead()}.
     */
    long claimForReadAfter(final long previous)
    {
        long position = previous + 1;
        while (true)
        {
            final int slot = slotOffset(position);
            final long published = sequence(0, position + 1);
            // Acquire, then CAS (exchange) as in claimForRead(): both pair with the producer's publishing release
            // store. The load first: at the end of a batch the slot is usually still the producer's, and a failed
            // CAS would take its line.
            if (buffer.getLongAcquire(slot + SLOT_SEQUENCE_OFFSET) != published ||
                buffer.compareAndExchangeLong(slot + SLOT_SEQUENCE_OFFSET, published,
                    sequence(claimer, position + 1)) != published)
            {
                finishDrain(position - 1);
                consumerSawEmpty = true;
                return claimForRead();
            }
            final int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
            if (length >= 0 && length <= maxMessageBytes)
            {
                return position;
            }
            free(position);
            if (length != TOMBSTONE)
            {
                finishDrain(position);
                throw badLength(position, length);
            }
            position++;
        }
    }

    /**
     * Moves {@code Head} past the last position a drain claimed (if no helper did).
     *
     * @param last the drain's last claimed position.
     */
    void finishDrain(final long last)
    {
        while (true)
        {
            final long head = buffer.getLongVolatile(HEAD_OFFSET);
            // CAS: every position from head to last is claimed by this drain, so Head may jump past them; pairs
            // with the other consumers' CASes of Head (helpers, claimers), which only move it forward.
            if (head > last || buffer.compareAndSetLong(HEAD_OFFSET, head, last + 1))
            {
                return;
            }
        }
    }

    private long claimForRead(final long from)
    {
        long head = from;
        while (true)
        {
            final int slot = slotOffset(head);
            final long published = sequence(0, head + 1);
            // After an empty queue, look before claiming: a failed CAS would still take the line from the
            // producer. Acquire: pairs with the producer's publishing release store in publish() (and the
            // recoverer's).
            long word = consumerSawEmpty ? buffer.getLongAcquire(slot + SLOT_SEQUENCE_OFFSET) : published;
            if (word == published)
            {
                // CAS (exchange): claims the published slot for reading and records who reads it, or returns what
                // the slot holds; pairs with the producer's publishing release store, other consumers' claims
                // and the dead-consumer recovery's CAS.
                word = buffer.compareAndExchangeLong(slot + SLOT_SEQUENCE_OFFSET, published,
                    sequence(claimer, head + 1));
                if (word == published)
                {
                    consumerSawEmpty = false;
                    // CAS: moves Head past our claim; fails only if a helper already did.
                    buffer.compareAndSetLong(HEAD_OFFSET, head, head + 1);
                    final int length = buffer.getInt(slot + SLOT_LENGTH_OFFSET);
                    if (length >= 0 && length <= maxMessageBytes)
                    {
                        return head;
                    }
                    free(head);
                    if (length != TOMBSTONE)
                    {
                        throw badLength(head, length);
                    }
                    head = buffer.getLongVolatile(HEAD_OFFSET);
                    continue;
                }
            }
            final long diff = positionDiff(word, head + 1);
            final long who = claimerOf(word);
            if (diff == 0)
            {
                if (who != 0)
                {
                    // Claimed by another consumer: help move Head past it. CAS: pairs with the claimer's.
                    buffer.compareAndSetLong(HEAD_OFFSET, head, head + 1);
                }
                head = buffer.getLongVolatile(HEAD_OFFSET);
                continue;
            }
            if (diff == -1 && who != 0 && who != claimer && (who == knownDead || consumerStall.isLong(head)) &&
                recoverDeadProducer(head, word))
            {
                continue;
            }
            final long now = buffer.getLongVolatile(HEAD_OFFSET);
            if (now != head)
            {
                head = now;
                continue;
            }
            if (diff == -1 || (diff == -slots && who != 0))
            {
                // Empty at the head: not yet published (free, or being written), or the previous round's
                // consumer has not freed the slot yet (then no producer can have written this position).
                consumerSawEmpty = true;
                return NONE;
            }
            if (diff > 0 && diff <= 2L * slots)
            {
                // Already taken: a drain claims and frees several positions before it moves Head past them (its
                // last position is at most a round ahead of Head, whose slot at most a round further). Help move
                // Head past it. CAS: pairs with the drain's finishDrain() and the other consumers' CASes.
                buffer.compareAndSetLong(HEAD_OFFSET, head, head + 1);
                head = buffer.getLongVolatile(HEAD_OFFSET);
                continue;
            }
            throw corrupt("consumer", head, slot, word, "(0, " + (head + 1) + "), or at most two rounds ahead");
        }
    }

    /**
     * @param position a position returned by {@link #claimForRead()}.
     * @return the length of its message.
     */
    int length(final long position)
    {
        return buffer.getInt(slotOffset(position) + SLOT_LENGTH_OFFSET);
    }

    /**
     * @param position a claimed position.
     * @return the offset of its payload in the entry.
     */
    int payloadOffset(final long position)
    {
        return slotOffset(position) + SLOT_PAYLOAD_OFFSET;
    }

    /**
     * Frees a read slot for the producer of the next round.
     *
     * @param position a position returned by {@link #claimForRead()}.
     */
    void free(final long position)
    {
        // Release: our reads of the slot happen-before the next producer's claiming CAS, which reads this word.
        buffer.putLongRelease(slotOffset(position) + SLOT_SEQUENCE_OFFSET, sequence(0, position + slots));
        notFull.signal(1);
    }

    /**
     * Closes the queue for producers: sets the CLOSED bit of {@code Tail}.
     */
    void close()
    {
        while (true)
        {
            final long tail = buffer.getLongVolatile(TAIL_OFFSET);
            // CAS on the tail: serialises the close with every producer's commit of a position.
            if ((tail & CLOSED_BIT) != 0 || buffer.compareAndSetLong(TAIL_OFFSET, tail, tail | CLOSED_BIT))
            {
                return;
            }
        }
    }

    /**
     * A waiting consumer's periodic check: takes over the slot at the head if a dead producer holds it.
     *
     * @return true if it did (there may be a message behind it now).
     */
    boolean recoverAtHead()
    {
        final long head = buffer.getLongVolatile(HEAD_OFFSET);
        final long word = buffer.getLongVolatile(slotOffset(head) + SLOT_SEQUENCE_OFFSET);
        final long who = claimerOf(word);
        return who != 0 && who != claimer && positionDiff(word, head) == 0 && recoverDeadProducer(head, word);
    }

    /**
     * A waiting producer's periodic check: frees the slot at the tail if a dead consumer holds it.
     *
     * @return true if it did (there is room now).
     */
    boolean recoverAtTail()
    {
        final long tail = buffer.getLongVolatile(TAIL_OFFSET) & ~CLOSED_BIT;
        final long word = buffer.getLongVolatile(slotOffset(tail) + SLOT_SEQUENCE_OFFSET);
        final long who = claimerOf(word);
        return who != 0 && who != claimer && positionDiff(word, tail - slots + 1) == 0 &&
            recoverDeadConsumer(tail - slots, word);
    }

    /**
     * Finishes the offer of a dead producer that claimed {@code position}: takes its claim over, commits the
     * position itself if the producer had not (so that no live producer's commit can race with a reset), and
     * publishes a tombstone that consumers skip. Linearizable with offers: it is the dead producer's offer,
     * completed with a tombstone instead of the message.
     *
     * @param position the position the dead producer claimed.
     * @param word     the slot's word as read, {@code (dead, position)}.
     * @return true if this call changed the slot.
     */
    private boolean recoverDeadProducer(final long position, final long word)
    {
        if (!isDead(claimerOf(word)))
        {
            return false;
        }
        final int slot = slotOffset(position);
        // CAS from the dead claimer's exact word: only one recoverer wins; the slot is ours from here, so no
        // other process will reset or reuse it.
        if (!buffer.compareAndSetLong(slot + SLOT_SEQUENCE_OFFSET, word, sequence(claimer, position)))
        {
            return false;
        }
        if (!commit(position))
        {
            // Uncommitted and the queue closed: no one can commit this position any more; leave it free.
            buffer.putLongRelease(slot + SLOT_SEQUENCE_OFFSET, sequence(0, position));
            notEmpty.signal(Integer.MAX_VALUE);
            return true;
        }
        buffer.putInt(slot + SLOT_LENGTH_OFFSET, TOMBSTONE);
        buffer.getAndAddLong(SKIPPED_OFFSET, 1);
        // Release: publishes the tombstone length; pairs with the consumer's acquire load in claimForRead().
        buffer.putLongRelease(slot + SLOT_SEQUENCE_OFFSET, sequence(0, position + 1));
        notEmpty.signal(Integer.MAX_VALUE);
        return true;
    }

    /**
     * Finishes the take of a dead consumer that claimed {@code position}: moves {@code Head} past it (as the
     * consumer would have), then frees the slot; the message is lost with the consumer.
     *
     * @param position the position the dead consumer claimed.
     * @param word     the slot's word as read, {@code (dead, position + 1)}.
     * @return true if this call freed the slot.
     */
    private boolean recoverDeadConsumer(final long position, final long word)
    {
        if (!isDead(claimerOf(word)))
        {
            return false;
        }
        // CAS: Head first, so that no consumer ever finds a freed slot behind a Head that has not moved.
        buffer.compareAndSetLong(HEAD_OFFSET, position, position + 1);
        // CAS from the dead claimer's exact word: only one recoverer frees it; pairs with the next producer's
        // volatile read of the word in claimForWrite().
        if (!buffer.compareAndSetLong(slotOffset(position) + SLOT_SEQUENCE_OFFSET, word,
            sequence(0, position + slots)))
        {
            return false;
        }
        buffer.getAndAddLong(LOST_OFFSET, 1);
        notFull.signal(Integer.MAX_VALUE);
        return true;
    }

    /**
     * Moves the tail past a position this producer (or recoverer) claimed.
     *
     * @return true if the position is committed (by us or a helper), false if the queue closed first.
     */
    private boolean commit(final long position)
    {
        // CAS: pairs with close()'s CAS and with helpers' CASes; the usual case succeeds at once.
        if (buffer.compareAndSetLong(TAIL_OFFSET, position, position + 1))
        {
            return true;
        }
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
            if (tail != position)
            {
                throw new IllegalStateException("queue '" + name + "' tail " + tail + " is behind position " +
                    position + " claimed in slot " + (position & mask) + " (a corrupt file)");
            }
            // CAS: as above; fails only if a helper committed it or the queue closed.
            if (buffer.compareAndSetLong(TAIL_OFFSET, position, position + 1))
            {
                return true;
            }
        }
    }

    private IllegalStateException badLength(final long position, final int length)
    {
        return new IllegalStateException("queue '" + name + "' slot " + (position & mask) + " at position " +
            position + " holds a message of " + length + " bytes: expected 0 to " + maxMessageBytes +
            " (a corrupt file; the slot was freed)");
    }

    /**
     * @return true if the claimer is known dead: a claimer id names a process slot and its generation, so once
     * dead it stays dead, and the next slot it holds is recovered without waiting another interval.
     */
    private boolean isDead(final long who)
    {
        if (who == knownDead)
        {
            return true;
        }
        if (isClaimerAlive(who))
        {
            return false;
        }
        knownDead = who;
        return true;
    }

    private boolean isClaimerAlive(final long who)
    {
        return processes.isAlive(ProcessTable.processStamp((int)(who >>> 16) - 1, (int)(who & 0xFFFF)));
    }

    private IllegalStateException corrupt(
        final String side, final long position, final int slot, final long word, final String expected)
    {
        return new IllegalStateException("queue '" + name + "' slot " + ((slot - SLOTS_START) / stride) +
            " holds (claimer " + claimerOf(word) + ", position " + (word & POSITION_MASK) + ") at " + side +
            " position " + position + ": expected " + expected + " (a corrupt file)");
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

    /**
     * Remembers for how long this handle has found one position blocked by another process's claim. Plain
     * fields: a race between threads of one handle can only make a liveness check come early or late by one
     * interval, never skip it for good.
     */
    private static final class Stall
    {
        private long position = -1;
        private long sinceNanos;

        /**
         * @param at the blocked position.
         * @return true if {@code at} has been blocked for at least {@link Waiting#LIVENESS_INTERVAL_NANOS} since
         * this handle first found it so (then the clock restarts: one liveness check per interval).
         */
        boolean isLong(final long at)
        {
            final long now = System.nanoTime();
            if (position != at)
            {
                position = at;
                sinceNanos = now;
                return false;
            }
            if (now - sinceNanos < Waiting.LIVENESS_INTERVAL_NANOS)
            {
                return false;
            }
            sinceNanos = now;
            return true;
        }
    }
}

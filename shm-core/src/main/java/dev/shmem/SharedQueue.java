package dev.shmem;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A bounded multi-producer multi-consumer FIFO queue of byte messages in a {@link SharedRegion}, shared by every
 * thread of every process that opens it, like Python's {@code multiprocessing.Queue} (without pickling: messages
 * are bytes). Obtained with {@link SharedRegion#queue(String, int, int)}.
 *
 * <pre>{@code
 * SharedQueue q = region.queue("work", 1024, 256);
 * // producer process                       // consumer process
 * q.put(bytes);                              for (byte[] m; (m = q.take()) != null; ) { use(m); }
 * q.close();   // no more messages: consumers drain what is left, then take() returns null
 * }</pre>
 *
 * <h2>Close and end of stream</h2>
 * {@link #close()} closes the queue for producers (in every process): later offers throw
 * {@link IllegalStateException}; consumers still receive every message offered before the close, and then
 * {@link #take()} returns {@code null} (end of stream, the article's sentinel without a magic value) and
 * {@link #isEndOfStream()} is true. A close is final.
 *
 * <h2>Algorithm and dead processes</h2>
 * A ring of slots with a sequence word each (after D. Vyukov's bounded MPMC queue); the slot count is a power of
 * two (the factory rounds the requested count up, and {@link #capacity()} reports the rounded count). A producer
 * or consumer claims a slot with a CAS that records who it is, so no message is ever seen half-written: a
 * consumer reads a slot only after its producer's release store publishes it. If a producer dies between
 * claiming a slot and publishing it, the consumers it blocks skip the slot about 100 ms after one of their calls
 * first found it in their way, whether they wait in one long {@link #take()} or loop on short {@code poll}
 * timeouts or on {@link #poll()} (the message was never complete: the mapped backend counts these); the
 * recovery finishes the dead producer's offer with a tombstone, so it cannot race a live producer into losing a
 * position. If a consumer dies while reading a slot, the producers it blocks
 * free the slot the same way; that message is lost with the consumer. Delivery is otherwise exactly once and in
 * order per producer.
 *
 * <h2>Zero-copy verbs</h2>
 * {@link #offer(ByteBuffer)} copies the bytes once, straight into the slot. {@link #poll(Consumer)} and {@link
 * #drain(Consumer, int)} copy nothing: the reader gets a read-only, big-endian {@link ByteBuffer} over the slot's
 * payload (position 0, limit the message length), valid only during the call; the slot stays claimed, so no
 * producer can overwrite it, until the reader returns. Copy what must outlive the call, and keep readers short:
 * a reader that blocks holds its slot, and a full queue's producers wait behind it. A reader that throws still
 * takes its message (the exception propagates; a drain stops there).
 *
 * <h2>Waiting</h2>
 * {@link #put} blocks while the queue is full and {@link #take} while it is empty: a short spin, then the thread
 * parks, as with {@link SharedLock} (a library thread per process sleeps on a shared futex for it). Both honour interruption, and have timeout variants
 * ({@link #offer(byte[], long, TimeUnit)}, {@link #poll(long, TimeUnit)}).
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.BlockingQueue}, across processes: actions in a thread before it offers a message
 * happen-before actions after that message is taken in another thread of any process. The producer's publishing
 * release store pairs with the consumer's claiming CAS (or acquire load) of the slot's sequence word; the same
 * holds for the zero-copy verbs, and a consumer's reads of a slot (its reader's, for a view) happen-before the
 * next producer's writes to that slot (the consumer frees it with a release store).
 *
 * <h2>Failure modes</h2>
 * A message longer than the queue's maximum throws {@link IllegalArgumentException} naming both sizes; an offer
 * to a closed queue throws {@link IllegalStateException}; so does any operation once this JVM has closed every
 * handle on the region, and any operation that finds a slot word no valid history can produce, or a message
 * length outside 0 to the maximum, in the file (the exception names the slot; a bad length frees the slot first,
 * so the queue goes on): a corrupt file never makes a call spin or hang.
 */
public interface SharedQueue
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * @return the number of slots: the count asked of the factory, rounded up to a power of two.
     */
    int capacity();

    /**
     * @return the largest message in bytes.
     */
    int maxMessageBytes();

    /**
     * Adds a message if there is room now.
     *
     * @param message the bytes (copied).
     * @return true if added, false if the queue is full.
     * @throws IllegalArgumentException if longer than {@link #maxMessageBytes()}.
     * @throws IllegalStateException    if the queue is closed.
     */
    boolean offer(byte[] message);

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
    boolean offer(byte[] message, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Adds a message, waiting as long as it takes for room.
     *
     * @param message the bytes (copied).
     * @throws InterruptedException     if interrupted while waiting; nothing is added then.
     * @throws IllegalArgumentException if longer than {@link #maxMessageBytes()}.
     * @throws IllegalStateException    if the queue is (or becomes) closed.
     */
    void put(byte[] message) throws InterruptedException;

    /**
     * Removes the oldest message if there is one now.
     *
     * @return the message, or null if the queue is empty (see {@link #isEndOfStream()}).
     */
    byte[] poll();

    /**
     * Removes the oldest message, waiting up to the timeout for one.
     *
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return the message, or null if the time elapsed first or the queue reached end of stream.
     * @throws InterruptedException if interrupted while waiting; nothing is removed then.
     */
    byte[] poll(long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * Removes the oldest message, waiting as long as it takes for one.
     *
     * @return the message, or null once the queue is closed and every message has been taken (end of stream).
     * @throws InterruptedException if interrupted while waiting; nothing is removed then.
     */
    byte[] take() throws InterruptedException;

    /**
     * Closes the queue for producers, in every process. Idempotent.
     */
    void close();

    /**
     * Offers the bytes of {@code message} from its position to its limit, if a slot is free now, without copying
     * them anywhere but into the slot. The buffer's position is not changed.
     *
     * @param message the message bytes (position to limit).
     * @return true if offered, false if the queue is full.
     * @throws IllegalArgumentException if the message is longer than {@link #maxMessageBytes()} (both named).
     * @throws IllegalStateException    if the queue is closed.
     */
    boolean offer(ByteBuffer message);

    /**
     * Takes the next message, if there is one now, and hands it to {@code reader} as a read-only view of the slot,
     * valid only during the call (copy what must outlive it).
     *
     * @param reader called once with the message (position 0, limit its length).
     * @return true if a message was read, false if the queue was empty.
     */
    boolean poll(Consumer<ByteBuffer> reader);

    /**
     * Takes up to {@code max} messages that are there now, handing each to {@code reader} as {@link
     * #poll(Consumer)} does.
     *
     * @param reader called once per message.
     * @param max    most messages to take (1 or more).
     * @return the number of messages read (0 if the queue was empty).
     * @throws IllegalArgumentException if {@code max} is below 1.
     */
    int drain(Consumer<ByteBuffer> reader, int max);

    /**
     * @return true once {@link #close()} has been called by any process.
     */
    boolean isClosed();

    /**
     * @return true if the queue is closed and every message offered before the close has been taken.
     */
    boolean isEndOfStream();

    /**
     * @return the number of messages offered and not yet taken (a snapshot; may include messages being written).
     */
    int size();

    /**
     * @return true if {@link #size()} is 0.
     */
    boolean isEmpty();
}

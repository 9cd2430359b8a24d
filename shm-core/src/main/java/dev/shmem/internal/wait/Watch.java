package dev.shmem.internal.wait;

import org.agrona.concurrent.AtomicBuffer;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This process's parked waiters on one event count, and the library-owned platform thread (the <em>waker</em>)
 * that sleeps in the kernel on the event count's sequence word for them.
 *
 * <p>Callers never sleep in a system call: they {@link #enqueue} a {@link Node} and park with {@link LockSupport}
 * (so they show {@code WAITING}/{@code TIMED_WAITING}, an interrupt wakes them at once, and a virtual thread
 * unmounts). One waker per (process, event count with parked waiters) sleeps on the shared futex word with the
 * value it last saw ({@link #lastSeen}); when the word changes it unparks, oldest first, one local waiter per
 * "wake one" increment (low 16 bits of the word) or every local waiter if a "wake all" increment (high 16 bits)
 * happened; see {@link EventCount#signal}. Every {@link Waiting#LIVENESS_INTERVAL_NANOS} it also unparks the
 * oldest waiter with {@link #RECOVER} so that one thread of the process checks whether the other side died: the
 * parked threads themselves never wake on a timer, so a thousand of them cost nothing.
 *
 * <p>A waker that has had no waiter for {@link #KEEP_ALIVE_NANOS} retires: it removes its watch from the
 * registry and exits; a waiter that finds a retired watch asks the registry for a new one.
 */
final class Watch implements Runnable
{
    /** Node state: parked, nothing happened yet. */
    static final int WAITING = 0;
    /** Node state: the word changed after the node registered; re-check the condition. */
    static final int WOKEN = 1;
    /** Node state: the waker asks this waiter to run the dead-holder check. */
    static final int RECOVER = 2;

    /** Result of {@link #enqueue}: the node is queued; park. */
    static final int QUEUED = 0;
    /** Result of {@link #enqueue}: the waker has already consumed changes made after the node's read: re-check. */
    static final int STALE = 1;
    /** Result of {@link #enqueue}: this watch's waker has exited; ask the registry again. */
    static final int RETIRED = 2;

    static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int ONE_MASK = 0xFFFF;
    private static final int ALL_SHIFT = 16;
    private static final ConcurrentHashMap<Key, Watch> WATCHES = new ConcurrentHashMap<>();

    private final Key key;
    private final AtomicBuffer buffer;
    private final int sequenceOffset;
    private final int pendingOffset;
    private final Sleeper sleeper;
    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private Node head;
    private Node tail;
    private int queued;
    /** Nodes ever queued; a node's ticket is its number. Written under the lock, read by signallers without it. */
    private volatile long enqueues;
    private int lastSeen;
    private boolean started;
    private boolean retired;
    private long lastRecovery;
    private long idleSince;

    private Watch(final Key key, final AtomicBuffer buffer, final int sequenceOffset, final int pendingOffset,
        final Sleeper sleeper)
    {
        this.key = key;
        this.buffer = buffer;
        this.sequenceOffset = sequenceOffset;
        this.pendingOffset = pendingOffset;
        this.sleeper = sleeper;
    }

    /**
     * @return this process's live watch on the word (created if needed; its waker starts with the first node).
     */
    static Watch of(final AtomicBuffer buffer, final int sequenceOffset, final int pendingOffset,
        final Sleeper sleeper)
    {
        final Key key = new Key(buffer.byteArray(), buffer.addressOffset() + sequenceOffset);
        return WATCHES.computeIfAbsent(key, k -> new Watch(k, buffer, sequenceOffset, pendingOffset, sleeper));
    }

    /**
     * Called by a signaller of this process right after its increment: hands the change to this process's parked
     * waiters at once (no waker hop), as the waker would.
     *
     * @param enqueuedBefore {@link #enqueues()} read by the signaller before it read the waiter count.
     * @return how many waiters of this process that were queued by then are still queued: all of them were
     * counted in the signaller's waiter count (each registered before it queued), so the signaller need not wake
     * the kernel for them. A node queued later is not counted: it may have registered after that read, and
     * counting it could hide a waiter of another process from the signaller.
     */
    int wakeLocal(final long enqueuedBefore)
    {
        lock.lock();
        try
        {
            if (retired)
            {
                return 0;
            }
            // Volatile read: after the caller's increment, so it is included.
            final int current = buffer.getIntVolatile(sequenceOffset);
            if (current != lastSeen)
            {
                distribute(current);
                lastSeen = current;
            }
            // Nodes are queued in ticket order: those queued after the signaller's snapshot are a suffix.
            int counted = queued;
            for (Node node = tail; node != null && node.ticket > enqueuedBefore; node = node.prev)
            {
                counted--;
            }
            return counted;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * @return how many nodes this watch has ever queued (volatile read; pairs with the write in enqueue()).
     */
    long enqueues()
    {
        return enqueues;
    }

    /**
     * @return the number of live watches (wakers running or about to) in this JVM, for tests.
     */
    static int liveWatches()
    {
        return WATCHES.size();
    }

    /**
     * Queues a waiter that read {@code node.sequence} from the word after registering in the shared waiter count.
     *
     * @return {@link #QUEUED}, {@link #STALE} or {@link #RETIRED}.
     */
    int enqueue(final Node node)
    {
        lock.lock();
        try
        {
            if (retired)
            {
                return RETIRED;
            }
            if (!started)
            {
                started = true;
                lastSeen = node.sequence;
                idleSince = System.nanoTime();
                final Thread waker = new Thread(this, "shm-waker-" + Long.toHexString(key.address));
                waker.setDaemon(true);
                waker.start();
            }
            else if (node.sequence - lastSeen < 0)
            {
                // The waker already handled increments made after this waiter's read: it may have missed them.
                return STALE;
            }
            else if (head == null)
            {
                // No local waiter: increments up to the node's read concern nobody here.
                lastSeen = node.sequence;
            }
            if (head == null)
            {
                lastRecovery = System.nanoTime();
                head = node;
            }
            else
            {
                tail.next = node;
                node.prev = tail;
            }
            tail = node;
            node.queued = true;
            queued++;
            // Volatile write after the node's registration (prepare()): a signaller that reads this count before
            // its waiter count read includes the node in that count.
            node.ticket = enqueues + 1;
            enqueues = node.ticket;
            return QUEUED;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Unlinks a node whose waiter stops waiting (woken, timed out or interrupted).
     */
    void remove(final Node node)
    {
        lock.lock();
        try
        {
            if (!node.queued)
            {
                return;
            }
            node.queued = false;
            queued--;
            if (node.prev == null)
            {
                head = node.next;
            }
            else
            {
                node.prev.next = node.next;
            }
            if (node.next == null)
            {
                tail = node.prev;
            }
            else
            {
                node.next.prev = node.prev;
            }
            node.prev = null;
            node.next = null;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * The waker's loop: sleep in the kernel on the word, hand changes to parked waiters, retire when idle.
     */
    @Override
    public void run()
    {
        int rounds = 0;
        while (true)
        {
            final int expected;
            long sleepNanos = Waiting.LIVENESS_INTERVAL_NANOS;
            lock.lock();
            try
            {
                // Volatile store, then volatile read of the word: a signal whose increment this read misses sees
                // the flag clear and makes the system call (or the kernel's compare sees the new value). Until
                // here the flag stays set while this waker is awake, so releases in the meantime make no system
                // call. Pairs with the increment then flag CAS in EventCount.signal().
                buffer.putIntVolatile(pendingOffset, 0);
                final int current = buffer.getIntVolatile(sequenceOffset);
                if (current != lastSeen)
                {
                    distribute(current);
                    lastSeen = current;
                    rounds = 0;
                }
                final long now = System.nanoTime();
                if (head == null)
                {
                    if (now - idleSince >= KEEP_ALIVE_NANOS)
                    {
                        retired = true;
                        WATCHES.remove(key, this);
                        return;
                    }
                }
                else
                {
                    idleSince = now;
                    if (now - lastRecovery >= Waiting.LIVENESS_INTERVAL_NANOS)
                    {
                        lastRecovery = now;
                        wakeOldest(RECOVER);
                    }
                    sleepNanos = Math.max(MIN_SLEEP_NANOS, lastRecovery + Waiting.LIVENESS_INTERVAL_NANOS - now);
                }
                expected = lastSeen;
            }
            finally
            {
                lock.unlock();
            }
            sleeper.await(buffer, sequenceOffset, expected, Math.min(sleepNanos, sleeper.sliceNanos(rounds++)));
        }
    }

    private void distribute(final int current)
    {
        final int all = ((current >>> ALL_SHIFT) - (lastSeen >>> ALL_SHIFT)) & ONE_MASK;
        int budget = all != 0 ? Integer.MAX_VALUE : (current - lastSeen) & ONE_MASK;
        for (Node node = head; node != null && budget > 0; node = node.next)
        {
            // A node that read the current value registered after the change: it is not its addressee.
            if (node.state == WAITING && node.sequence != current)
            {
                node.wake(WOKEN);
                budget--;
            }
        }
    }

    private void wakeOldest(final int state)
    {
        for (Node node = head; node != null; node = node.next)
        {
            if (node.state == WAITING)
            {
                node.wake(state);
                return;
            }
        }
    }

    /**
     * One parked waiter.
     */
    static final class Node
    {
        final Thread thread;
        final int sequence;
        /** Written by the waker (volatile), read by the parked thread after each return from park. */
        volatile int state;
        // Guarded by the watch's lock.
        Node prev;
        Node next;
        boolean queued;
        /** Its number among the watch's queued nodes (1, 2, ...). */
        long ticket;

        Node(final Thread thread, final int sequence)
        {
            this.thread = thread;
            this.sequence = sequence;
        }

        void wake(final int newState)
        {
            // Volatile store before unpark: the parked thread reads it when park returns.
            state = newState;
            LockSupport.unpark(thread);
        }
    }

    /**
     * The identity of a word in this JVM: its native address (or heap array and offset).
     */
    private static final class Key
    {
        private final Object array;
        private final long address;

        Key(final Object array, final long address)
        {
            this.array = array;
            this.address = address;
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Key && ((Key)o).array == array && ((Key)o).address == address;
        }

        @Override
        public int hashCode()
        {
            return Objects.hash(System.identityHashCode(array), address);
        }
    }
}

package dev.shmem.inspect;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a {@link RegionInspector} saw in a region at one moment: the header, every entry, the locks, semaphores and queues in
 * detail, and the attached processes. Values are read one by one while other processes may be writing, so the snapshot
 * is not atomic as a whole; each single value is.
 *
 * @param header     the region header.
 * @param entries    every entry, by name.
 * @param locks      every lock entry.
 * @param semaphores every semaphore entry.
 * @param queues     every queue entry.
 * @param processes  every occupied process slot.
 * @param deadlocks  the cycles of the wait-for graph ({@link RegionInspector#findDeadlocks()}).
 */
public record RegionSnapshot(Header header, List<Entry> entries, List<Lock> locks, List<Semaphore> semaphores,
    List<Queue> queues, List<Process> processes, List<Deadlock> deadlocks)
{
    /**
     * Copies the lists.
     */
    public RegionSnapshot
    {
        entries = List.copyOf(entries);
        locks = List.copyOf(locks);
        semaphores = List.copyOf(semaphores);
        queues = List.copyOf(queues);
        processes = List.copyOf(processes);
        deadlocks = List.copyOf(deadlocks);
    }

    /**
     * The region header.
     *
     * @param path           the file.
     * @param formatVersion  the file format version.
     * @param capacity       the file's size in bytes.
     * @param dataCapacity   bytes of the data area.
     * @param usedBytes      bytes of the data area handed out to entries.
     * @param directorySlots directory records.
     * @param processSlots   process table slots.
     * @param creatorPid     pid of the process that created the region.
     * @param createdAt      when it was created.
     */
    public record Header(Path path, int formatVersion, long capacity, long dataCapacity, long usedBytes,
        int directorySlots, int processSlots, long creatorPid, Instant createdAt)
    {
    }

    /**
     * A named entry.
     *
     * @param name    its name.
     * @param kind    its kind, e.g. {@code long array} or {@code reentrant lock}.
     * @param type    its kind with its size, e.g. {@code long array of length 8}.
     * @param length  its length: elements of an array, permits a semaphore was created with, slots of a queue, 1
     *                otherwise.
     * @param offset  where its data starts in the file, in bytes.
     * @param bytes   how many bytes of data it has.
     * @param summary its value, an array summary, or a lock or semaphore state in a few words.
     */
    public record Entry(String name, String kind, String type, long length, long offset, int bytes, String summary)
    {
    }

    /**
     * A lock entry.
     *
     * @param name         its name.
     * @param reentrant    true for a reentrant lock.
     * @param ownerStamp   the owner word: 0 when free.
     * @param holderPid    pid of the holding process, 0 if free or unknown (its process slot was reused or
     *                     released).
     * @param holderAlive  true if the holding process is still attached and running.
     * @param holderThread low 32 bits of the holding thread's id.
     * @param holdCount    hold count (reentrant locks).
     * @param waiters      processes waiting for it.
     * @param inconsistent true if a previous owner died holding it and the data was not marked consistent.
     * @param takeovers    times it was taken over from a dead owner.
     * @param deadOwnerPid pid of the last owner that died holding it, 0 if none.
     */
    public record Lock(String name, boolean reentrant, long ownerStamp, long holderPid, boolean holderAlive,
        long holderThread, int holdCount, int waiters, boolean inconsistent, long takeovers, long deadOwnerPid)
    {
        /**
         * @return true if the owner word is not 0.
         */
        public boolean held()
        {
            return ownerStamp != 0;
        }
    }

    /**
     * A semaphore entry.
     *
     * @param name      its name.
     * @param bounded   true for a bounded semaphore.
     * @param available permits available now.
     * @param initial   permits it was created with (the bound of a bounded one).
     * @param waiters   processes waiting for permits.
     * @param recovered permits returned from dead processes so far.
     * @param holders   the ledger's non-zero words.
     */
    public record Semaphore(String name, boolean bounded, int available, int initial, int waiters, long recovered,
        List<Holder> holders)
    {
        /**
         * Copies the list.
         */
        public Semaphore
        {
            holders = List.copyOf(holders);
        }
    }

    /**
     * A semaphore ledger word: permits held by the process in a slot.
     *
     * @param slot    the process slot.
     * @param pid     the holder's pid, 0 if the slot has another occupant now (stale word: to be recovered).
     * @param alive   true if the holder is still attached and running.
     * @param permits permits it holds.
     */
    public record Holder(int slot, long pid, boolean alive, long permits)
    {
    }

    /**
     * A queue entry. Head and tail are read one after the other while
     * producers and consumers may move them, so {@link #size()} is a snapshot, as {@link dev.shmem.SharedQueue#size()} is.
     *
     * @param name             its name.
     * @param slots            capacity in messages.
     * @param maxMessageBytes  largest message in bytes.
     * @param head             next position a consumer takes: messages taken (or skipped) so far.
     * @param tail             next position a producer claims: messages offered so far.
     * @param closed           true once closed for producers.
     * @param consumersWaiting consumers sleeping until it is not empty.
     * @param producersWaiting producers sleeping until it is not full.
     * @param skipped          positions skipped because their producer died before publishing them.
     * @param lost             messages lost because their consumer died while taking them.
     */
    public record Queue(String name, int slots, int maxMessageBytes, long head, long tail, boolean closed,
        int consumersWaiting, int producersWaiting, long skipped, long lost)
    {
        /**
         * @return messages offered and not yet taken, {@code tail - head} kept within 0 and {@code slots}.
         */
        public int size()
        {
            return (int)Math.max(0, Math.min(slots, tail - head));
        }

        /**
         * @return true if closed and every message has been taken: consumers see end of stream.
         */
        public boolean endOfStream()
        {
            return closed && head >= tail;
        }
    }

    /**
     * An occupied process slot.
     *
     * @param slot       the slot.
     * @param pid        the process id.
     * @param generation the slot's generation (incremented by every attach).
     * @param alive      true if the process is running (same pid and start time).
     * @param attachedAt when it attached.
     */
    public record Process(int slot, long pid, int generation, boolean alive, Instant attachedAt)
    {
    }
}

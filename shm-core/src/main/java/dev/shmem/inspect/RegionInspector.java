package dev.shmem.inspect;

import dev.shmem.InvalidRegionException;
import dev.shmem.internal.diag.WaitGraph;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.liveness.ProcessTableDescriptor;
import dev.shmem.internal.lock.LockDescriptor;
import dev.shmem.internal.lock.SemaphoreDescriptor;
import dev.shmem.internal.map.MapGeometry;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.sync.SyncSummaries;
import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionFiles;
import dev.shmem.internal.region.RegionLayout;
import org.agrona.concurrent.AtomicBuffer;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * A public, read-only view of a region file, in the spirit of Agrona's {@code CountersReader}: what tools (such
 * as the demo's {@code stat}) and tests read instead of reaching into the implementation.
 *
 * <pre>{@code
 * try (RegionInspector inspector = RegionInspector.open(Path.of("/dev/shm/demo.shm"))) {
 *     inspector.lock("hits.lock").ifPresent(lock -> System.out.println(lock.held() + " " + lock.holderPid()));
 *     RegionSnapshot all = inspector.snapshot();
 * }
 * }</pre>
 *
 * <h2>Read-only</h2>
 * The file is validated as {@code SharedRegion.open} validates it (magic, version, byte order, capacity, every
 * offset and directory record) and mapped {@code READ_ONLY}; the inspector never writes a byte and never takes a
 * slot in the region's process table, so it is invisible to the processes it watches. Only plain, volatile and
 * acquire loads are used, never a store or a CAS.
 *
 * <h2>Consistency</h2>
 * Values are read one by one while other processes may be writing, so a snapshot is not atomic as a whole; each
 * single value is. A liveness verdict ("alive", "dead") is taken from the process table and the operating system
 * at the time of the read.
 *
 * <h2>Failure modes</h2>
 * {@link #open} throws {@link java.nio.file.NoSuchFileException}, {@link java.nio.file.AccessDeniedException},
 * {@link InvalidRegionException} for a file that is not a valid region, or another {@link IOException}. Reads
 * throw {@link dev.shmem.RegionCorruptException} if another process wrote garbage into the directory after the
 * open.
 */
public final class RegionInspector implements AutoCloseable
{
    /** Default time {@link #open(Path)} waits for a region whose creator is still initialising it. */
    public static final Duration DEFAULT_INIT_TIMEOUT = Duration.ofSeconds(1);
    /** Array elements shown in an array's summary. */
    public static final int FIRST_ELEMENTS = 8;

    private final MappedRegion region;
    private final AtomicBuffer buffer;
    private final ProcessTable processes;

    private RegionInspector(final MappedRegion region)
    {
        this.region = region;
        this.buffer = region.buffer();
        this.processes = region.processes();
    }

    /**
     * Maps a region read-only, without attaching to it, waiting up to {@link #DEFAULT_INIT_TIMEOUT} for a creator
     * that is still initialising it.
     *
     * @param path the region file.
     * @return an inspector of it.
     * @throws IOException if the file cannot be read or is not a valid region ({@link InvalidRegionException}).
     */
    public static RegionInspector open(final Path path) throws IOException
    {
        return open(path, DEFAULT_INIT_TIMEOUT);
    }

    /**
     * Maps a region read-only, without attaching to it.
     *
     * @param path        the region file.
     * @param initTimeout how long to wait for a creator that is still initialising it.
     * @return an inspector of it.
     * @throws IOException if the file cannot be read or is not a valid region ({@link InvalidRegionException}).
     */
    public static RegionInspector open(final Path path, final Duration initTimeout) throws IOException
    {
        return new RegionInspector(RegionFiles.open(path, initTimeout, true));
    }

    /**
     * @return the region file.
     */
    public Path path()
    {
        return region.path();
    }

    /**
     * @return the region header.
     */
    public RegionSnapshot.Header header()
    {
        final RegionLayout layout = region.layout();
        return new RegionSnapshot.Header(region.path(), buffer.getInt(HeaderDescriptor.FORMAT_VERSION_OFFSET),
            layout.capacity(), layout.capacity() - layout.dataOffset(), region.usedBytes(), layout.directorySlots(),
            layout.processSlots(), region.creatorPid(), Instant.ofEpochMilli(region.createdAt()));
    }

    /**
     * Visits every entry without building a list: for regions of very many entries.
     *
     * @param visitor called once per entry, in directory order.
     */
    public void forEachEntry(final Consumer<RegionSnapshot.Entry> visitor)
    {
        region.directory().forEach(record ->
        {
            if (record.type() != EntryType.WAIT_TABLE)
            {
                visitor.accept(entry(record));
            }
        });
    }

    /**
     * @param prefix a name prefix ({@code ""} for all).
     * @return the entries whose names start with it, sorted by name.
     */
    public List<RegionSnapshot.Entry> entries(final String prefix)
    {
        final List<RegionSnapshot.Entry> entries = new ArrayList<>();
        region.directory().forEach(record ->
        {
            if (record.type() != EntryType.WAIT_TABLE && record.name().startsWith(prefix))
            {
                entries.add(entry(record));
            }
        });
        entries.sort(Comparator.comparing(RegionSnapshot.Entry::name));
        return entries;
    }

    /**
     * @param name a lock's name.
     * @return its state, empty if there is no lock of that name.
     */
    public Optional<RegionSnapshot.Lock> lock(final String name)
    {
        return find(name).filter(r -> r.type() == EntryType.LOCK || r.type() == EntryType.REENTRANT_LOCK)
            .map(this::lock);
    }

    /**
     * @param name a semaphore's name.
     * @return its state, empty if there is no semaphore of that name.
     */
    public Optional<RegionSnapshot.Semaphore> semaphore(final String name)
    {
        return find(name).filter(r -> r.type() == EntryType.SEMAPHORE || r.type() == EntryType.BOUNDED_SEMAPHORE)
            .map(this::semaphore);
    }

    /**
     * @param name a queue's name.
     * @return its state, empty if there is no queue of that name.
     */
    public Optional<RegionSnapshot.Queue> queue(final String name)
    {
        return find(name).filter(r -> r.type() == EntryType.QUEUE).map(this::queue);
    }

    /**
     * Builds the wait-for graph across every process attached to the region from what blocked threads recorded
     * (each blocked {@code lock()}, {@code lockInterruptibly()} or timed {@code tryLock} records the lock it waits
     * for) and the locks' owner words, and returns its cycles. A cycle is reported as soon as its last edge
     * forms (the inspection is immediate); a cycle through a process that died is reported with that thread's
     * {@code alive} false.
     *
     * @return the deadlocks found, empty if none.
     */
    public List<Deadlock> findDeadlocks()
    {
        return new WaitGraph(region).deadlocks();
    }

    /**
     * @return every occupied process slot.
     */
    public List<RegionSnapshot.Process> processes()
    {
        return processList();
    }

    /**
     * Does nothing but exist for try-with-resources: the read-only mapping is released when the inspector is
     * garbage collected (unmapping it explicitly could crash a thread still reading it).
     */
    @Override
    public void close()
    {
        // Nothing to release explicitly: see the javadoc.
    }

    private Optional<EntryRecord> find(final String name)
    {
        return Optional.ofNullable(region.directory().find(name));
    }

    private RegionSnapshot.Entry entry(final EntryRecord record)
    {
        return entry(record, null, null, null);
    }

    /**
     * Reads an entry once: its summary and, when the lists are given, its lock, semaphore or queue detail come
     * from the same read (so they agree, and a holder's liveness is asked once).
     */
    private RegionSnapshot.Entry entry(final EntryRecord record, final List<RegionSnapshot.Lock> locks,
        final List<RegionSnapshot.Semaphore> semaphores, final List<RegionSnapshot.Queue> queues)
    {
        final String summary;
        switch (record.type())
        {
            case LOCK:
            case REENTRANT_LOCK:
                final RegionSnapshot.Lock lock = lock(record);
                addIfListed(locks, lock);
                summary = lockSummary(lock);
                break;
            case SEMAPHORE:
            case BOUNDED_SEMAPHORE:
                final RegionSnapshot.Semaphore semaphore = semaphore(record);
                addIfListed(semaphores, semaphore);
                summary = semaphore.available() + " of " + semaphore.initial() + " permits available";
                break;
            case QUEUE:
                final RegionSnapshot.Queue queue = queue(record);
                addIfListed(queues, queue);
                summary = queueSummary(queue);
                break;
            case MAP:
                summary = MapGeometry.entriesNow(buffer, record.dataOffset(), (int)record.length()) + " of " +
                    record.length() + " entries used, up to " + record.parameter() + " bytes each";
                break;
            default:
                summary = valueSummary(record);
        }
        return new RegionSnapshot.Entry(record.name(), record.type().displayName(),
            record.type().describe(record.length()), record.length(), record.dataOffset(), record.dataBytes(),
            summary);
    }

    /**
     * @return what the region holds now.
     */
    public RegionSnapshot snapshot()
    {
        return snapshot("");
    }

    /**
     * @param prefix a name prefix ({@code ""} for all): only entries whose names start with it are read.
     * @return what the region holds now, restricted to those entries (the header, processes and deadlocks are
     * always whole).
     */
    public RegionSnapshot snapshot(final String prefix)
    {
        final List<RegionSnapshot.Entry> entries = new ArrayList<>();
        final List<RegionSnapshot.Lock> locks = new ArrayList<>();
        final List<RegionSnapshot.Semaphore> semaphores = new ArrayList<>();
        final List<RegionSnapshot.Queue> queues = new ArrayList<>();
        final WaitGraph graph = new WaitGraph(region);
        region.directory().forEach(record ->
        {
            // One walk of the directory feeds the snapshot and the wait-for graph (which needs every lock).
            graph.add(record);
            if (record.type() == EntryType.WAIT_TABLE || !record.name().startsWith(prefix))
            {
                return;
            }
            entries.add(entry(record, locks, semaphores, queues));
        });
        entries.sort(Comparator.comparing(RegionSnapshot.Entry::name));
        locks.sort(Comparator.comparing(RegionSnapshot.Lock::name));
        semaphores.sort(Comparator.comparing(RegionSnapshot.Semaphore::name));
        queues.sort(Comparator.comparing(RegionSnapshot.Queue::name));
        return new RegionSnapshot(header(), entries, locks, semaphores, queues, processList(), graph.cycles());
    }

    private static <T> void addIfListed(final List<T> list, final T item)
    {
        if (list != null)
        {
            list.add(item);
        }
    }

    private String valueSummary(final EntryRecord record)
    {
        final int offset = record.dataOffset();
        switch (record.type())
        {
            case INT_VALUE:
                return Integer.toString(buffer.getIntVolatile(offset));
            case LONG_VALUE:
                return Long.toString(buffer.getLongVolatile(offset));
            case DOUBLE_VALUE:
                return Double.toString(Double.longBitsToDouble(buffer.getLongVolatile(offset)));
            case INT_ARRAY:
            case LONG_ARRAY:
                return integerArraySummary(record);
            case DOUBLE_ARRAY:
                return doubleArraySummary(record);
            default:
                final String sync = SyncSummaries.summary(buffer, record);
                return sync != null ? sync : "(contents not shown by this version of the inspector)";
        }
    }

    private String integerArraySummary(final EntryRecord record)
    {
        final int length = (int)record.length();
        if (length == 0)
        {
            return "empty";
        }
        final boolean ints = record.type() == EntryType.INT_ARRAY;
        final StringJoiner first = new StringJoiner(", ", "[", length > FIRST_ELEMENTS ? ", ...]" : "]");
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long sum = 0;
        BigInteger bigSum = null;
        for (int i = 0; i < length; i++)
        {
            final long value = ints ?
                buffer.getIntVolatile(record.dataOffset() + i * Integer.BYTES) :
                buffer.getLongVolatile(record.dataOffset() + i * Long.BYTES);
            min = Math.min(min, value);
            max = Math.max(max, value);
            if (bigSum == null)
            {
                final long next = sum + value;
                if (((sum ^ next) & (value ^ next)) < 0)
                {
                    bigSum = BigInteger.valueOf(sum).add(BigInteger.valueOf(value));
                }
                else
                {
                    sum = next;
                }
            }
            else
            {
                bigSum = bigSum.add(BigInteger.valueOf(value));
            }
            if (i < FIRST_ELEMENTS)
            {
                first.add(Long.toString(value));
            }
        }
        return "min " + min + ", max " + max + ", sum " + (bigSum == null ? Long.toString(sum) : bigSum.toString()) +
            "; " + first;
    }

    private String doubleArraySummary(final EntryRecord record)
    {
        final int length = (int)record.length();
        if (length == 0)
        {
            return "empty";
        }
        final StringJoiner first = new StringJoiner(", ", "[", length > FIRST_ELEMENTS ? ", ...]" : "]");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < length; i++)
        {
            final double value = Double.longBitsToDouble(buffer.getLongVolatile(record.dataOffset() + i * Double.BYTES));
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
            if (i < FIRST_ELEMENTS)
            {
                first.add(Double.toString(value));
            }
        }
        return "min " + Double.toString(min) + ", max " + Double.toString(max) + ", sum " + Double.toString(sum) + "; " +
            first;
    }

    private RegionSnapshot.Lock lock(final EntryRecord record)
    {
        final int base = record.dataOffset();
        // Volatile: the owner word is written by CAS and volatile stores in the lock's processes.
        final long owner = buffer.getLongVolatile(base + LockDescriptor.OWNER_OFFSET);
        long holderPid = 0;
        boolean alive = false;
        if (owner != 0)
        {
            holderPid = processes.currentPidOf(owner);
            alive = processes.isAlive(owner);
        }
        final int flags = buffer.getIntVolatile(base + LockDescriptor.FLAGS_OFFSET);
        return new RegionSnapshot.Lock(record.name(), record.type() == EntryType.REENTRANT_LOCK, owner, holderPid,
            alive, owner & 0xFFFF_FFFFL, buffer.getIntVolatile(base + LockDescriptor.HOLD_COUNT_OFFSET),
            buffer.getIntVolatile(base + LockDescriptor.WAITERS_OFFSET),
            (flags & LockDescriptor.FLAG_INCONSISTENT) != 0,
            buffer.getLongVolatile(base + LockDescriptor.TAKEOVERS_OFFSET),
            buffer.getLongVolatile(base + LockDescriptor.DEAD_OWNER_PID_OFFSET));
    }

    private static String lockSummary(final RegionSnapshot.Lock lock)
    {
        if (!lock.held())
        {
            return "free";
        }
        return "held by " + holder(lock.holderPid(), lock.holderAlive());
    }

    /**
     * @param pid   a pid, 0 if unknown.
     * @param alive whether it is alive.
     * @return e.g. {@code pid 1234 (alive)} or {@code a process that is gone}.
     */
    public static String holder(final long pid, final boolean alive)
    {
        if (pid == 0)
        {
            return "a process that is gone (its slot was released or reused)";
        }
        return "pid " + pid + (alive ? " (alive)" : " (dead)");
    }

    private RegionSnapshot.Semaphore semaphore(final EntryRecord record)
    {
        final int base = record.dataOffset();
        final List<RegionSnapshot.Holder> holders = new ArrayList<>();
        for (int slot = 0; slot < processes.slots(); slot++)
        {
            // Volatile: ledger words change by CAS in the semaphore's processes.
            final long word = buffer.getLongVolatile(base + SemaphoreDescriptor.ledgerOffset(slot));
            final long permits = word & 0xFFFF_FFFFL;
            if (permits == 0)
            {
                continue;
            }
            final int generation = (int)(word >>> 32) & 0xFFFF;
            final boolean current = processes.generationAt(slot) == generation && processes.pidAt(slot) != 0;
            final long pid = current ? processes.pidAt(slot) : 0;
            final boolean alive = current && processes.isAlive(ProcessTable.processStamp(slot, generation));
            holders.add(new RegionSnapshot.Holder(slot, pid, alive, permits));
        }
        return new RegionSnapshot.Semaphore(record.name(), record.type() == EntryType.BOUNDED_SEMAPHORE,
            buffer.getIntVolatile(base + SemaphoreDescriptor.PERMITS_OFFSET),
            buffer.getIntVolatile(base + SemaphoreDescriptor.INITIAL_PERMITS_OFFSET),
            buffer.getIntVolatile(base + SemaphoreDescriptor.WAITERS_OFFSET),
            buffer.getLongVolatile(base + SemaphoreDescriptor.RECOVERED_OFFSET), holders);
    }

    private RegionSnapshot.Queue queue(final EntryRecord record)
    {
        final int base = record.dataOffset();
        // Volatile: head and tail move by CAS in the queue's producers and consumers; the counters by atomic adds.
        // The head is read first: the tail it is compared with is then at least as recent, so size() is never
        // negative for a queue that was not changed in between.
        final long head = buffer.getLongVolatile(base + QueueDescriptor.HEAD_OFFSET);
        final long tailWord = buffer.getLongVolatile(base + QueueDescriptor.TAIL_OFFSET);
        // Slots and message size come from the directory record (validated against the capacity), as the queue's
        // own handles do; the copies in the entry are the same numbers.
        return new RegionSnapshot.Queue(record.name(), (int)record.length(), (int)record.parameter(), head,
            tailWord & ~QueueDescriptor.CLOSED_BIT, (tailWord & QueueDescriptor.CLOSED_BIT) != 0,
            buffer.getIntVolatile(base + QueueDescriptor.NOT_EMPTY_WAITERS_OFFSET),
            buffer.getIntVolatile(base + QueueDescriptor.NOT_FULL_WAITERS_OFFSET),
            buffer.getLongVolatile(base + QueueDescriptor.SKIPPED_OFFSET),
            buffer.getLongVolatile(base + QueueDescriptor.LOST_OFFSET));
    }

    private static String queueSummary(final RegionSnapshot.Queue queue)
    {
        final String size = queue.size() + " of " + queue.slots() + " messages";
        if (queue.endOfStream())
        {
            return size + ", closed, end of stream";
        }
        return size + (queue.closed() ? ", closed" : ", open");
    }

    private List<RegionSnapshot.Process> processList()
    {
        final List<RegionSnapshot.Process> list = new ArrayList<>();
        final long table = region.layout().processTableOffset();
        for (int slot = 0; slot < processes.slots(); slot++)
        {
            final long pid = processes.pidAt(slot);
            if (pid == 0)
            {
                continue;
            }
            final long attachedAt = buffer.getLong(
                (int)table + ProcessTableDescriptor.slotOffset(slot) + ProcessTableDescriptor.ATTACHED_AT_OFFSET);
            list.add(new RegionSnapshot.Process(slot, pid, processes.generationAt(slot),
                processes.isSlotProcessAlive(slot), Instant.ofEpochMilli(attachedAt)));
        }
        return list;
    }
}

package dev.shmem.demo.stat;

import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.liveness.ProcessTableDescriptor;
import dev.shmem.internal.lock.LockDescriptor;
import dev.shmem.internal.lock.SemaphoreDescriptor;
import dev.shmem.internal.queue.QueueDescriptor;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionLayout;

import dev.shmem.demo.text.Format;
import org.agrona.concurrent.AtomicBuffer;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Reads a {@link RegionSnapshot} from a region mapped read-only, through the layouts of {@code dev.shmem.internal}
 * ({@code HeaderDescriptor}, {@code LockDescriptor}, {@code SemaphoreDescriptor}, {@code QueueDescriptor},
 * {@code ProcessTableDescriptor}).
 *
 * <p>Only reads: plain, volatile and acquire loads, never a store or a CAS, so it works on a {@code READ_ONLY}
 * mapping and never changes the region. Every offset it uses comes from a directory record that
 * {@code Directory.forEach} has validated against the capacity.
 */
public final class RegionReader
{
    /** Array elements shown in an array's summary. */
    public static final int FIRST_ELEMENTS = 8;

    private final MappedRegion region;
    private final AtomicBuffer buffer;
    private final ProcessTable processes;

    /**
     * @param region a mapped, validated region (read-only is enough).
     */
    public RegionReader(final MappedRegion region)
    {
        this.region = region;
        this.buffer = region.buffer();
        this.processes = region.processes();
    }

    /**
     * @return what the region holds now.
     */
    public RegionSnapshot read()
    {
        final List<RegionSnapshot.Entry> entries = new ArrayList<>();
        final List<RegionSnapshot.Lock> locks = new ArrayList<>();
        final List<RegionSnapshot.Semaphore> semaphores = new ArrayList<>();
        final List<RegionSnapshot.Queue> queues = new ArrayList<>();
        region.directory().forEach(record ->
        {
            switch (record.type())
            {
                case LOCK:
                case REENTRANT_LOCK:
                    final RegionSnapshot.Lock lock = lock(record);
                    locks.add(lock);
                    entries.add(new RegionSnapshot.Entry(record.name(), record.type().describe(record.length()),
                        lockSummary(lock)));
                    break;
                case SEMAPHORE:
                case BOUNDED_SEMAPHORE:
                    final RegionSnapshot.Semaphore semaphore = semaphore(record);
                    semaphores.add(semaphore);
                    entries.add(new RegionSnapshot.Entry(record.name(), record.type().describe(record.length()),
                        semaphore.available() + " of " + semaphore.initial() + " permits available"));
                    break;
                case QUEUE:
                    final RegionSnapshot.Queue queue = queue(record);
                    queues.add(queue);
                    entries.add(new RegionSnapshot.Entry(record.name(), record.type().describe(record.length()),
                        queueSummary(queue)));
                    break;
                default:
                    entries.add(new RegionSnapshot.Entry(record.name(), record.type().describe(record.length()),
                        valueSummary(record)));
            }
        });
        entries.sort(Comparator.comparing(RegionSnapshot.Entry::name));
        locks.sort(Comparator.comparing(RegionSnapshot.Lock::name));
        semaphores.sort(Comparator.comparing(RegionSnapshot.Semaphore::name));
        queues.sort(Comparator.comparing(RegionSnapshot.Queue::name));
        return new RegionSnapshot(header(entries.size()), entries, locks, semaphores, queues, processList());
    }

    private RegionSnapshot.Header header(final int entries)
    {
        final RegionLayout layout = region.layout();
        return new RegionSnapshot.Header(region.path(), buffer.getInt(HeaderDescriptor.FORMAT_VERSION_OFFSET),
            layout.capacity(), layout.capacity() - layout.dataOffset(), region.usedBytes(), layout.directorySlots(),
            layout.processSlots(), region.creatorPid(), Instant.ofEpochMilli(region.createdAt()));
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
                return Format.number(Double.longBitsToDouble(buffer.getLongVolatile(offset)));
            case INT_ARRAY:
            case LONG_ARRAY:
                return integerArraySummary(record);
            case DOUBLE_ARRAY:
                return doubleArraySummary(record);
            default:
                return "(contents not shown by this version of stat)";
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
                first.add(Format.number(value));
            }
        }
        return "min " + Format.number(min) + ", max " + Format.number(max) + ", sum " + Format.number(sum) + "; " +
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
            final int slot = ProcessTable.slotOf(owner);
            if (slot >= 0 && slot < processes.slots() &&
                processes.generationAt(slot) == ProcessTable.generationOf(owner))
            {
                holderPid = processes.pidAt(slot);
            }
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
    static String holder(final long pid, final boolean alive)
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

package dev.shmem.internal.diag;

import dev.shmem.inspect.Deadlock;
import dev.shmem.internal.liveness.ProcessTable;
import dev.shmem.internal.lock.LockDescriptor;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import dev.shmem.internal.region.MappedRegion;
import org.agrona.concurrent.AtomicBuffer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.shmem.internal.diag.WaitTableDescriptor.ENTRY_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.KIND_LOCK;
import static dev.shmem.internal.diag.WaitTableDescriptor.KIND_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.MAX_NAME_BYTES;
import static dev.shmem.internal.diag.WaitTableDescriptor.NAME_LENGTH_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.NAME_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.RECORDS;
import static dev.shmem.internal.diag.WaitTableDescriptor.SINCE_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.STATE_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.WAITER_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.recordOffset;

/**
 * The wait-for graph of a region at one moment: every recorded waiter (from the processes' wait tables) points
 * to the thread that owns the lock it waits for; a thread waits for at most one lock, so every cycle is found by
 * following the single edge out of each waiter. Only reads (acquire and volatile loads), as the inspector.
 */
public final class WaitGraph
{
    private final MappedRegion region;
    private final AtomicBuffer buffer;
    private final ProcessTable processes;
    private final Map<Long, String> lockNames = new HashMap<>();
    private final Map<Long, Long> lockOwners = new HashMap<>();
    private final Map<Long, Wait> waits = new LinkedHashMap<>();
    private final List<Integer> tables = new ArrayList<>();

    private record Wait(long stamp, long entryOffset, long sinceMillis, String threadName)
    {
    }

    /**
     * @param region a mapped region (read-only is enough).
     */
    public WaitGraph(final MappedRegion region)
    {
        this.region = region;
        this.buffer = region.buffer();
        this.processes = region.processes();
    }

    /**
     * @return the cycles of the wait-for graph now.
     */
    public List<Deadlock> deadlocks()
    {
        region.directory().forEach(this::add);
        return cycles();
    }

    /**
     * Takes one directory record into the graph, for a caller that walks the directory anyway (the inspector's
     * snapshot): locks become nodes, wait tables are read at {@link #cycles()}.
     *
     * @param record a READY record of the region.
     */
    public void add(final EntryRecord record)
    {
        if (record.type() == EntryType.LOCK || record.type() == EntryType.REENTRANT_LOCK)
        {
            lockNames.put((long)record.dataOffset(), record.name());
            // Volatile: the owner word changes by CAS and volatile stores in the lock's processes.
            lockOwners.put((long)record.dataOffset(),
                buffer.getLongVolatile(record.dataOffset() + LockDescriptor.OWNER_OFFSET));
        }
        else if (record.type() == EntryType.WAIT_TABLE && record.dataBytes() >= WaitTableDescriptor.LENGTH)
        {
            tables.add(record.dataOffset());
        }
    }

    private void readTable(final int table)
    {
        for (int record = 1; record <= RECORDS; record++)
        {
            final int base = table + recordOffset(record);
            // Acquire: pairs with the writer's release of the even state that published the fields.
            final long before = buffer.getLongAcquire(base + STATE_OFFSET);
            if (before == 0 || (before & 1) != 0)
            {
                continue;
            }
            final long stamp = buffer.getLong(base + WAITER_OFFSET);
            final long entry = buffer.getLong(base + ENTRY_OFFSET);
            final long since = buffer.getLong(base + SINCE_OFFSET);
            final int kind = buffer.getInt(base + KIND_OFFSET);
            final int length = buffer.getInt(base + NAME_LENGTH_OFFSET);
            final byte[] name = new byte[Math.max(0, Math.min(length, MAX_NAME_BYTES))];
            buffer.getBytes(base + NAME_OFFSET, name);
            // Acquire re-read: the fields are a consistent copy only if the state did not move meanwhile.
            if (buffer.getLongAcquire(base + STATE_OFFSET) == before && kind == KIND_LOCK &&
                lockNames.containsKey(entry))
            {
                waits.put(stamp, new Wait(stamp, entry, since, new String(name, StandardCharsets.UTF_8)));
            }
        }
    }

    /**
     * @return the cycles of the graph built from the records {@link #add added} (read once per graph).
     */
    public List<Deadlock> cycles()
    {
        tables.forEach(this::readTable);
        tables.clear();
        final List<Deadlock> found = new ArrayList<>();
        final Set<Long> done = new HashSet<>();
        for (final long start : waits.keySet())
        {
            final List<Long> path = new ArrayList<>();
            final Set<Long> onPath = new HashSet<>();
            long node = start;
            // Each step follows the one edge out of a waiter; the walk ends within waits.size() + 1 steps.
            while (waits.containsKey(node) && !done.contains(node) && onPath.add(node))
            {
                path.add(node);
                node = lockOwners.getOrDefault(waits.get(node).entryOffset(), 0L);
            }
            if (onPath.contains(node) && !done.contains(node))
            {
                found.add(deadlock(path.subList(path.indexOf(node), path.size())));
            }
            done.addAll(path);
        }
        return found;
    }

    private Deadlock deadlock(final List<Long> cycle)
    {
        final long now = System.currentTimeMillis();
        final List<Deadlock.DeadlockedThread> threads = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++)
        {
            final Wait wait = waits.get(cycle.get(i));
            final Wait previous = waits.get(cycle.get((i + cycle.size() - 1) % cycle.size()));
            final long stamp = wait.stamp();
            threads.add(new Deadlock.DeadlockedThread(processes.currentPidOf(stamp),
                processes.isAlive(stamp), stamp & 0xFFFF_FFFFL, wait.threadName(),
                lockNames.get(previous.entryOffset()), lockNames.get(wait.entryOffset()),
                Instant.ofEpochMilli(wait.sinceMillis()), Duration.ofMillis(Math.max(0, now - wait.sinceMillis()))));
        }
        return new Deadlock(threads);
    }
}

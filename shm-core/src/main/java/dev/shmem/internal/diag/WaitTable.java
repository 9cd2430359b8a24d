package dev.shmem.internal.diag;

import dev.shmem.RegionFullException;
import dev.shmem.internal.region.Attachment;
import dev.shmem.internal.region.EntryRecord;
import dev.shmem.internal.region.EntryType;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

import static dev.shmem.internal.diag.WaitTableDescriptor.ENTRY_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.KIND_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.MAX_NAME_BYTES;
import static dev.shmem.internal.diag.WaitTableDescriptor.NAME_LENGTH_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.NAME_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.OWNER_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.RECORDS;
import static dev.shmem.internal.diag.WaitTableDescriptor.SINCE_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.STATE_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.WAITER_OFFSET;
import static dev.shmem.internal.diag.WaitTableDescriptor.recordOffset;

/**
 * This process's wait table in one region ({@link WaitTableDescriptor}): blocked threads record what they wait
 * for, for deadlock detection by the inspector. Costs nothing on uncontended paths: only a thread about to block
 * writes a record. If the region has no room for the table, or more than {@link WaitTableDescriptor#RECORDS}
 * threads of this process wait at once, the extra waits are simply not recorded (detection misses them; waiting
 * itself is unaffected).
 */
public final class WaitTable
{
    /** Returned by {@link #enter} when the wait could not be recorded; {@link #exit} ignores it. */
    public static final int NOT_RECORDED = -1;

    private static final WaitTable UNAVAILABLE = new WaitTable(null);

    private final AtomicBuffer table;

    private WaitTable(final AtomicBuffer table)
    {
        this.table = table;
    }

    /**
     * Gets or creates this process's table in the attachment's region, resetting it if it was left by the slot's
     * previous occupant.
     *
     * @param attachment this JVM's attachment.
     * @return the table, or one that records nothing if the region has no room for it.
     */
    public static WaitTable open(final Attachment attachment)
    {
        final long stamp = attachment.processStamp();
        final String name = WaitTableDescriptor.NAME_PREFIX + dev.shmem.internal.liveness.ProcessTable.slotOf(stamp);
        final EntryRecord entry;
        try
        {
            entry = attachment.region().directory().getOrCreate(stamp, name, EntryType.WAIT_TABLE,
                WaitTableDescriptor.RECORDS + 1, 0, offset -> { });
        }
        catch (final RegionFullException ex)
        {
            return UNAVAILABLE;
        }
        final AtomicBuffer table = new UnsafeBuffer(attachment.region().buffer(), entry.dataOffset(), entry.dataBytes());
        // Volatile read and CAS: the slot is this process's now, so a table owned by another stamp was left by a
        // process that is gone; only this process writes it from here on.
        final long owner = table.getLongVolatile(OWNER_OFFSET);
        if (owner != stamp)
        {
            for (int record = 1; record <= RECORDS; record++)
            {
                // Release: a reader that sees FREE (acquire) ignores the record.
                table.putLongRelease(recordOffset(record) + STATE_OFFSET, 0);
            }
            table.compareAndSetLong(OWNER_OFFSET, owner, stamp);
        }
        DeadlockWatchdog.startIfConfigured(attachment.region(), attachment::isDetached);
        return new WaitTable(table);
    }

    /**
     * Records that the calling thread is about to wait for the entry at {@code entryOffset}.
     *
     * @param waiterStamp the thread's owner stamp.
     * @param entryOffset the waited entry's data offset in the file.
     * @param kind        {@link WaitTableDescriptor#KIND_LOCK}.
     * @return the record to pass to {@link #exit}, or {@link #NOT_RECORDED}.
     */
    public int enter(final long waiterStamp, final long entryOffset, final int kind)
    {
        if (table == null)
        {
            return NOT_RECORDED;
        }
        final int start = (int)((Thread.currentThread().getId() & 0x7FFF_FFFF) % RECORDS);
        for (int i = 0; i < RECORDS; i++)
        {
            final int record = 1 + (start + i) % RECORDS;
            final int base = recordOffset(record);
            // CAS from FREE to 1 (odd: being written): pairs with other threads of this process claiming records.
            if (table.getLongVolatile(base + STATE_OFFSET) == 0 && table.compareAndSetLong(base + STATE_OFFSET, 0, 1))
            {
                table.putLong(base + WAITER_OFFSET, waiterStamp);
                table.putLong(base + ENTRY_OFFSET, entryOffset);
                table.putLong(base + SINCE_OFFSET, System.currentTimeMillis());
                table.putInt(base + KIND_OFFSET, kind);
                final byte[] name = Thread.currentThread().getName().getBytes(StandardCharsets.UTF_8);
                final int length = Math.min(name.length, MAX_NAME_BYTES);
                table.putBytes(base + NAME_OFFSET, name, 0, length);
                table.putInt(base + NAME_LENGTH_OFFSET, length);
                // Release of an even state: publishes the plain stores above; pairs with the reader's acquire.
                table.putLongRelease(base + STATE_OFFSET, 2);
                return record;
            }
        }
        return NOT_RECORDED;
    }

    /**
     * The wait recorded by {@link #enter} is over.
     *
     * @param record what {@link #enter} returned.
     */
    public void exit(final int record)
    {
        if (record != NOT_RECORDED)
        {
            // Release: a reader that sees FREE ignores the record's (stale) fields.
            table.putLongRelease(recordOffset(record) + STATE_OFFSET, 0);
        }
    }
}

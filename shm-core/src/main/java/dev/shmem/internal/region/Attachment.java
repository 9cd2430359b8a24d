package dev.shmem.internal.region;

import dev.shmem.SharedRegion;
import dev.shmem.internal.liveness.ProcessTable;

import java.util.HashMap;
import java.util.Map;

/**
 * This JVM's membership of one region: its mapping and its process-table slot. All {@code SharedRegion}s of one
 * JVM on the same file share one attachment, so a thread has one owner stamp per region whichever handle it uses;
 * the slot is released when the last of them closes.
 */
public final class Attachment
{
    private static final Map<Object, Attachment> ATTACHED = new HashMap<>();

    private final Object identity;
    private final MappedRegion region;
    private final long processStamp;
    private int references;
    private volatile boolean detached;
    private volatile dev.shmem.internal.diag.WaitTable waits;

    private Attachment(final Object identity, final MappedRegion region, final long processStamp)
    {
        this.identity = identity;
        this.region = region;
        this.processStamp = processStamp;
    }

    /**
     * Joins the attachment of this file if this JVM has one, else claims a process slot.
     *
     * @param region a freshly mapped region.
     * @return the attachment, with one more reference.
     */
    public static Attachment attach(final MappedRegion region)
    {
        final Object identity = region.identity();
        synchronized (ATTACHED)
        {
            Attachment attachment = ATTACHED.get(identity);
            if (attachment == null)
            {
                attachment = new Attachment(identity, region, region.processes().attach());
                ATTACHED.put(identity, attachment);
            }
            attachment.references++;
            return attachment;
        }
    }

    /**
     * Drops one reference; the last one releases the process slot.
     */
    public void release()
    {
        synchronized (ATTACHED)
        {
            if (--references == 0)
            {
                ATTACHED.remove(identity);
                detached = true;
                region.processes().detach(processStamp);
            }
        }
    }

    public MappedRegion region()
    {
        return region;
    }

    /**
     * @return this process's wait table in the region (created the first time a thread of this JVM blocks), for
     * deadlock detection.
     */
    public dev.shmem.internal.diag.WaitTable waitTable()
    {
        dev.shmem.internal.diag.WaitTable table = waits;
        if (table == null)
        {
            synchronized (this)
            {
                table = waits;
                if (table == null)
                {
                    table = dev.shmem.internal.diag.WaitTable.open(this);
                    waits = table;
                }
            }
        }
        return table;
    }

    /**
     * @return this process's stamp in the region (slot and generation).
     */
    public long processStamp()
    {
        return processStamp;
    }

    /**
     * @return the calling thread's owner stamp.
     */
    public long threadStamp()
    {
        return ProcessTable.threadStamp(processStamp, Thread.currentThread().getId());
    }

    /**
     * @return true once every handle of this JVM on the region has been closed.
     */
    public boolean isDetached()
    {
        return detached;
    }
}

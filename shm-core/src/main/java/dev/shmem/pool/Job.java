package dev.shmem.pool;

import java.util.concurrent.CompletableFuture;

/**
 * One task (or one chunk of a {@code map}) on its way through a {@link JvmPool}: its message, its future and
 * where it is. Guarded by the {@link JobBook}'s lock.
 */
final class Job
{
    /** Not in the task queue: in the backlog, or between attempts. */
    static final long NOT_QUEUED = -1;

    final long id;
    final String taskClass;
    final byte kind;
    final byte[] message;
    /**
     * Completed with the raw result payload (the encoded value, or a frame of them for a chunk); decoding is
     * left to whoever reads it.
     */
    final CompletableFuture<byte[]> payload;
    /** The task queue position it was offered at, or {@link #NOT_QUEUED}. */
    long position = NOT_QUEUED;
    /** Times it was run again after its worker died. */
    int retries;
    /** When the supervisor first found it taken from the queue by no known worker (nanoTime), 0 if not. */
    long unattributedSince;

    Job(final long id, final String taskClass, final byte kind, final byte[] input)
    {
        this.id = id;
        this.taskClass = taskClass;
        this.kind = kind;
        this.message = PoolProtocol.task(id, kind, taskClass, input);
        this.payload = new CompletableFuture<>();
    }

    String describe()
    {
        return "#" + id + " (" + taskClass + (kind == PoolProtocol.CHUNK ? ", a chunk of map)" : ")");
    }
}

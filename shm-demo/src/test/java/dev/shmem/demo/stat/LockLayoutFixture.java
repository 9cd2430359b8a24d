package dev.shmem.demo.stat;

import dev.shmem.internal.Attachment;
import dev.shmem.internal.EntryType;
import dev.shmem.internal.LockDescriptor;
import dev.shmem.internal.MappedRegion;
import dev.shmem.internal.RegionFiles;
import dev.shmem.internal.SemaphoreDescriptor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes lock and semaphore entries into a region in the documented {@link LockDescriptor} and
 * {@link SemaphoreDescriptor} layouts, so that {@code stat}'s reading of them is tested before shm-core has
 * {@code SharedLock} and {@code SharedSemaphore}. This is test data, not a lock: nothing here acquires or waits.
 * Once those classes exist, the tests should hold a real {@code region.lock(name)} instead.
 *
 * <p>Also the main class of a child JVM that leaves a lock "held" by itself and exits without detaching, so the
 * lock's owner is a dead process: {@code LockLayoutFixture REGION LOCK_NAME}.
 */
public final class LockLayoutFixture
{
    private LockLayoutFixture()
    {
    }

    /**
     * Child JVM main: attaches to the region, creates the lock entry with this thread as its owner, and exits
     * without detaching (like a process killed while holding a lock).
     *
     * @param args region path, lock name.
     * @throws IOException if the region cannot be opened.
     */
    public static void main(final String[] args) throws IOException
    {
        final MappedRegion region = RegionFiles.open(Path.of(args[0]), Duration.ofSeconds(5), false);
        final Attachment attachment = Attachment.attach(region);
        heldLock(region, attachment, args[1]);
    }

    /**
     * Creates a lock entry whose owner word is the calling thread's stamp.
     *
     * @param region     the region, mapped read-write.
     * @param attachment this process's attachment to it.
     * @param name       the lock's name.
     */
    static void heldLock(final MappedRegion region, final Attachment attachment, final String name)
    {
        final long owner = attachment.threadStamp();
        region.directory().getOrCreate(attachment.processStamp(), name, EntryType.LOCK, 1, 0,
            offset -> region.buffer().putLong(offset + LockDescriptor.OWNER_OFFSET, owner));
    }

    /**
     * Creates a semaphore entry of {@code initial} permits of which this process holds {@code held}.
     *
     * @param region     the region, mapped read-write.
     * @param attachment this process's attachment to it.
     * @param name       the semaphore's name.
     * @param initial    initial permits.
     * @param held       permits this process holds.
     */
    static void semaphore(final MappedRegion region, final Attachment attachment, final String name,
        final int initial, final int held)
    {
        final long stamp = attachment.processStamp();
        final int slot = (int)(stamp >>> 48) - 1;
        final long generation = (stamp >>> 32) & 0xFFFF;
        region.directory().getOrCreate(stamp, name, EntryType.SEMAPHORE, initial, 0, offset ->
        {
            region.buffer().putInt(offset + SemaphoreDescriptor.PERMITS_OFFSET, initial - held);
            region.buffer().putInt(offset + SemaphoreDescriptor.INITIAL_PERMITS_OFFSET, initial);
            region.buffer().putLong(offset + SemaphoreDescriptor.ledgerOffset(slot), generation << 32 | held);
        });
    }
}

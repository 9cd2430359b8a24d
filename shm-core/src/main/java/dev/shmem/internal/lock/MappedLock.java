package dev.shmem.internal.lock;

import dev.shmem.SharedLock;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedLock}.
 */
public final class MappedLock extends AbstractMappedLock implements SharedLock
{
    public MappedLock(final String name, final LockWord word)
    {
        super(name, word);
    }

    @Override
    boolean reenter(final long stamp)
    {
        throw new IllegalMonitorStateException("SharedLock '" + name + "' is not reentrant and is already held " +
            "by this thread: use region.reentrantLock for nested locking");
    }

    @Override
    boolean tryReenter(final long stamp)
    {
        return false;
    }

    @Override
    void acquired()
    {
        // A non-reentrant lock keeps no hold count.
    }

    @Override
    boolean releaseHold()
    {
        return true;
    }

    @Override
    String kind()
    {
        return "SharedLock";
    }
}

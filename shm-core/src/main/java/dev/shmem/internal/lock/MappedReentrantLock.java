package dev.shmem.internal.lock;

import dev.shmem.SharedReentrantLock;

/**
 * The mapped-file implementation of {@link dev.shmem.SharedReentrantLock}.
 */
public final class MappedReentrantLock extends AbstractMappedLock implements SharedReentrantLock
{
    public MappedReentrantLock(final String name, final LockWord word)
    {
        super(name, word);
    }

    /**
     * @return the number of holds on this lock by the calling thread, 0 if it does not hold it.
     */
    public int getHoldCount()
    {
        return isHeldByCurrentThread() ? word.holdCount() : 0;
    }

    @Override
    boolean reenter(final long stamp)
    {
        final int holds = word.holdCount();
        if (holds == Integer.MAX_VALUE)
        {
            throw new Error("Maximum lock count exceeded for SharedReentrantLock '" + name + "'");
        }
        word.holdCount(holds + 1);
        return true;
    }

    @Override
    boolean tryReenter(final long stamp)
    {
        return reenter(stamp);
    }

    @Override
    void acquired()
    {
        word.holdCount(1);
    }

    @Override
    boolean releaseHold()
    {
        final int holds = word.holdCount() - 1;
        word.holdCount(Math.max(0, holds));
        return holds <= 0;
    }

    @Override
    String kind()
    {
        return "SharedReentrantLock";
    }
}

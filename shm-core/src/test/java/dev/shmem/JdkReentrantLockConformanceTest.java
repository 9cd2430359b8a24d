package dev.shmem;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the conformance tests on the JDK's lock: they describe {@link Lock}'s contract, not shm's quirks.
 */
class JdkReentrantLockConformanceTest extends LockConformanceTest
{
    private final ReentrantLock lock = new ReentrantLock();

    @Override
    protected SpaceFixture newFixture()
    {
        return JdkSpace.fixture();
    }

    @Override
    protected Lock newLock(final SharedSpace space)
    {
        return lock;
    }
}

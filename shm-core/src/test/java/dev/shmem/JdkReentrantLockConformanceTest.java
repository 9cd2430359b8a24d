package dev.shmem;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the conformance tests on the JDK's lock: they describe {@link Lock}'s contract, not shm's quirks.
 */
class JdkReentrantLockConformanceTest extends LockConformanceTest
{
    @Override
    Lock newLock(final SharedRegion region)
    {
        return new ReentrantLock();
    }
}

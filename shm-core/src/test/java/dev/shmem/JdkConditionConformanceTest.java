package dev.shmem;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the condition conformance tests on {@link ReentrantLock#newCondition()}: they describe its contract.
 */
class JdkConditionConformanceTest extends ConditionConformanceTest
{
    @Override
    TestLock newLock(final String name)
    {
        return new JdkLock();
    }

    private static final class JdkLock extends ReentrantLock implements TestLock
    {
        private static final long serialVersionUID = 1L;
    }
}

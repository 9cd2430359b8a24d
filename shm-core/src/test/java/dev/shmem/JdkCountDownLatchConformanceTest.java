package dev.shmem;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs the latch conformance tests on the JDK's {@link CountDownLatch}: they describe its contract.
 */
class JdkCountDownLatchConformanceTest extends CountDownLatchConformanceTest
{
    @Override
    Verbs newLatch(final String name, final int count)
    {
        final CountDownLatch l = new CountDownLatch(count);
        return new Verbs()
        {
            public void countDown() { l.countDown(); }
            public long getCount() { return l.getCount(); }
            public void await() throws InterruptedException { l.await(); }
            public boolean await(final long t, final TimeUnit u) throws InterruptedException { return l.await(t, u); }
        };
    }
}

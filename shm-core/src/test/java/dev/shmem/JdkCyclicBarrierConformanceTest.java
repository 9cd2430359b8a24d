package dev.shmem;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the barrier conformance tests on the JDK's {@link CyclicBarrier}: they describe its contract.
 */
class JdkCyclicBarrierConformanceTest extends BarrierConformanceTest
{
    @Override
    Verbs newBarrier(final String name, final int parties)
    {
        final CyclicBarrier b = new CyclicBarrier(parties);
        return new Verbs()
        {
            public int await() throws InterruptedException, BrokenBarrierException { return b.await(); }
            public int await(final long t, final TimeUnit u)
                throws InterruptedException, BrokenBarrierException, TimeoutException
            {
                return b.await(t, u);
            }
            public void reset() { b.reset(); }
            public boolean isBroken() { return b.isBroken(); }
            public int getParties() { return b.getParties(); }
            public int getNumberWaiting() { return b.getNumberWaiting(); }
        };
    }
}

package dev.shmem;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

class JdkSemaphoreConformanceTest extends SemaphoreConformanceTest
{
    @Override
    Verbs newSemaphore(final SharedRegion region, final int permits)
    {
        final Semaphore s = new Semaphore(permits);
        return new Verbs()
        {
            public void acquire(final int p) throws InterruptedException { s.acquire(p); }
            public boolean tryAcquire(final int p) { return s.tryAcquire(p); }
            public boolean tryAcquire(final int p, final long t, final TimeUnit u) throws InterruptedException
            {
                return s.tryAcquire(p, t, u);
            }
            public void release(final int p) { s.release(p); }
            public int availablePermits() { return s.availablePermits(); }
            public int drainPermits() { return s.drainPermits(); }
        };
    }
}

package dev.shmem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedLongArrayElementTest extends AtomicLongConformanceTest
{
    @Override
    Verbs newValue(final SharedRegion region)
    {
        final SharedLongArray a = region.longArray("a", 3);
        final int i = 2;
        return new Verbs()
        {
            public long get() { return a.get(i); }
            public void set(final long x) { a.set(i, x); }
            public long getAcquire() { return a.getAcquire(i); }
            public long getPlain() { return a.getPlain(i); }
            public void setPlain(final long x) { a.setPlain(i, x); }
            public void setRelease(final long x) { a.setRelease(i, x); }
            public long getAndSet(final long x) { return a.getAndSet(i, x); }
            public boolean compareAndSet(final long e, final long x) { return a.compareAndSet(i, e, x); }
            public long getAndAdd(final long d) { return a.getAndAdd(i, d); }
            public long addAndGet(final long d) { return a.addAndGet(i, d); }
            public long incrementAndGet() { return a.incrementAndGet(i); }
            public long getAndIncrement() { return a.getAndIncrement(i); }
            public long decrementAndGet() { return a.decrementAndGet(i); }
            public long getAndDecrement() { return a.getAndDecrement(i); }
        };
    }

    @Test
    void neighboursAreUntouched()
    {
        final Verbs v = newValue(region);
        v.set(-1);
        v.incrementAndGet();
        v.getAndAdd(Long.MAX_VALUE);
        assertEquals(0, region.longArray("a", 3).get(1));
    }
}

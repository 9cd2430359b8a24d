package dev.shmem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedIntArrayElementTest extends AtomicLongConformanceTest
{
    @Override
    Verbs newValue(final SharedRegion region)
    {
        final SharedIntArray a = region.intArray("a", 3);
        final int i = 1;
        return new Verbs()
        {
            public long get() { return a.get(i); }
            public void set(final long x) { a.set(i, Math.toIntExact(x)); }
            public long getAcquire() { return a.getAcquire(i); }
            public long getPlain() { return a.getPlain(i); }
            public void setPlain(final long x) { a.setPlain(i, Math.toIntExact(x)); }
            public void setRelease(final long x) { a.setRelease(i, Math.toIntExact(x)); }
            public long getAndSet(final long x) { return a.getAndSet(i, Math.toIntExact(x)); }
            public boolean compareAndSet(final long e, final long x)
            {
                return a.compareAndSet(i, Math.toIntExact(e), Math.toIntExact(x));
            }
            public long getAndAdd(final long d) { return a.getAndAdd(i, Math.toIntExact(d)); }
            public long addAndGet(final long d) { return a.addAndGet(i, Math.toIntExact(d)); }
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
        v.getAndAdd(Integer.MIN_VALUE + 1);
        final SharedIntArray a = region.intArray("a", 3);
        assertEquals(0, a.get(0));
        assertEquals(0, a.get(2));
    }
}

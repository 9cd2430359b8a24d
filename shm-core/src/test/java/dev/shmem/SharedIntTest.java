package dev.shmem;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SharedIntTest extends AtomicLongConformanceTest
{
    @Override
    Verbs newValue(final SharedRegion region)
    {
        final SharedInt v = region.intValue("v");
        return new Verbs()
        {
            public long get() { return v.get(); }
            public void set(final long x) { v.set(Math.toIntExact(x)); }
            public long getAcquire() { return v.getAcquire(); }
            public long getPlain() { return v.getPlain(); }
            public void setPlain(final long x) { v.setPlain(Math.toIntExact(x)); }
            public void setRelease(final long x) { v.setRelease(Math.toIntExact(x)); }
            public long getAndSet(final long x) { return v.getAndSet(Math.toIntExact(x)); }
            public boolean compareAndSet(final long e, final long x)
            {
                return v.compareAndSet(Math.toIntExact(e), Math.toIntExact(x));
            }
            public long getAndAdd(final long d) { return v.getAndAdd(Math.toIntExact(d)); }
            public long addAndGet(final long d) { return v.addAndGet(Math.toIntExact(d)); }
            public long incrementAndGet() { return v.incrementAndGet(); }
            public long getAndIncrement() { return v.getAndIncrement(); }
            public long decrementAndGet() { return v.decrementAndGet(); }
            public long getAndDecrement() { return v.getAndDecrement(); }
        };
    }

    @Test
    void wrapsAroundLikeAnInt()
    {
        final SharedInt v = region.intValue("wrap");
        v.set(Integer.MAX_VALUE);
        assertEquals(Integer.MIN_VALUE, v.incrementAndGet());
    }
}

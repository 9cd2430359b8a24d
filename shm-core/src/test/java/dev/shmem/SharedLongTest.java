package dev.shmem;

class SharedLongTest extends AtomicLongConformanceTest
{
    @Override
    Verbs newValue(final SharedRegion region)
    {
        final SharedLong v = region.longValue("v");
        return new Verbs()
        {
            public long get() { return v.get(); }
            public void set(final long x) { v.set(x); }
            public long getAcquire() { return v.getAcquire(); }
            public long getPlain() { return v.getPlain(); }
            public void setPlain(final long x) { v.setPlain(x); }
            public void setRelease(final long x) { v.setRelease(x); }
            public long getAndSet(final long x) { return v.getAndSet(x); }
            public boolean compareAndSet(final long e, final long x) { return v.compareAndSet(e, x); }
            public long getAndAdd(final long d) { return v.getAndAdd(d); }
            public long addAndGet(final long d) { return v.addAndGet(d); }
            public long incrementAndGet() { return v.incrementAndGet(); }
            public long getAndIncrement() { return v.getAndIncrement(); }
            public long decrementAndGet() { return v.decrementAndGet(); }
            public long getAndDecrement() { return v.getAndDecrement(); }
        };
    }
}

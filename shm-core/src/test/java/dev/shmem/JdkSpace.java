package dev.shmem;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The oracle backend: a {@link SharedSpace} of one JVM whose values are the JDK's atomics and whose semaphores are
 * {@link Semaphore}s, so the conformance suites run unchanged on the JDK types they describe. Only the families
 * with a JDK oracle are here; the other factories are not part of the oracle.
 */
final class JdkSpace implements SharedSpace
{
    private final Map<String, Object> entries = new ConcurrentHashMap<>();

    static SpaceFixture fixture()
    {
        final JdkSpace space = new JdkSpace();
        return new SpaceFixture()
        {
            @Override
            public SharedSpace space()
            {
                return space;
            }

            @Override
            public void close()
            {
                space.close();
            }
        };
    }

    private <T> T get(final String name, final Class<T> type, final Supplier<T> factory)
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("entry name '" + name + "': expected 1 to 127 UTF-8 bytes");
        }
        final Object entry = entries.computeIfAbsent(name, n -> factory.get());
        if (!type.isInstance(entry))
        {
            throw new IllegalStateException("entry '" + name + "' exists as " + entry.getClass().getSimpleName() +
                ", requested as " + type.getSimpleName());
        }
        return type.cast(entry);
    }

    @Override
    public SharedInt intValue(final String name)
    {
        return get(name, JdkInt.class, () -> new JdkInt(name));
    }

    @Override
    public SharedLong longValue(final String name)
    {
        return get(name, JdkLong.class, () -> new JdkLong(name));
    }

    @Override
    public SharedDouble doubleValue(final String name)
    {
        return get(name, JdkDouble.class, () -> new JdkDouble(name));
    }

    @Override
    public SharedSemaphore semaphore(final String name, final int permits)
    {
        return get(name, JdkSemaphore.class, () -> new JdkSemaphore(name, permits));
    }

    @Override
    public SharedIntArray intArray(final String name, final int length)
    {
        throw notAnOracle("arrays");
    }

    @Override
    public SharedLongArray longArray(final String name, final int length)
    {
        throw notAnOracle("arrays");
    }

    @Override
    public SharedDoubleArray doubleArray(final String name, final int length)
    {
        throw notAnOracle("arrays");
    }

    @Override
    public SharedLock lock(final String name)
    {
        throw notAnOracle("robust locks (LockConformanceTest takes ReentrantLock directly)");
    }

    @Override
    public SharedReentrantLock reentrantLock(final String name)
    {
        throw notAnOracle("robust locks (LockConformanceTest takes ReentrantLock directly)");
    }

    @Override
    public SharedSemaphore boundedSemaphore(final String name, final int permits)
    {
        throw notAnOracle("bounded semaphores");
    }

    @Override
    public SharedQueue queue(final String name, final int slots, final int maxMessageBytes)
    {
        throw notAnOracle("queues");
    }

    @Override
    public <K, V> SharedMap<K, V> map(
        final String name, final Class<K> keyType, final Class<V> valueType, final int maxEntries,
        final int maxEntryBytes)
    {
        throw notAnOracle("maps");
    }

    @Override
    public SharedEvent event(final String name)
    {
        throw notAnOracle("events");
    }

    @Override
    public SharedBarrier barrier(final String name, final int parties)
    {
        throw notAnOracle("barriers");
    }

    @Override
    public SharedCountDownLatch countDownLatch(final String name, final int count)
    {
        throw notAnOracle("latches");
    }

    @Override
    public void close()
    {
        entries.clear();
    }

    private static UnsupportedOperationException notAnOracle(final String what)
    {
        return new UnsupportedOperationException("the JDK oracle space has no " + what);
    }

    /** {@link AtomicLong} as a {@link SharedLong}. */
    private static final class JdkLong extends AtomicLong implements SharedLong
    {
        private static final long serialVersionUID = 1L;
        private final String name;

        JdkLong(final String name)
        {
            this.name = name;
        }

        @Override
        public String name()
        {
            return name;
        }
    }

    /** {@link AtomicInteger} as a {@link SharedInt}. */
    private static final class JdkInt extends AtomicInteger implements SharedInt
    {
        private static final long serialVersionUID = 1L;
        private final String name;

        JdkInt(final String name)
        {
            this.name = name;
        }

        @Override
        public String name()
        {
            return name;
        }
    }

    /** The JDK's idiom for an atomic double: an {@link AtomicLong} of raw bits. */
    private static final class JdkDouble implements SharedDouble
    {
        private final AtomicLong bits = new AtomicLong(Double.doubleToRawLongBits(0.0));
        private final String name;

        JdkDouble(final String name)
        {
            this.name = name;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public double get()
        {
            return Double.longBitsToDouble(bits.get());
        }

        @Override
        public void set(final double v)
        {
            bits.set(Double.doubleToRawLongBits(v));
        }

        @Override
        public double getPlain()
        {
            return Double.longBitsToDouble(bits.getPlain());
        }

        @Override
        public void setPlain(final double v)
        {
            bits.setPlain(Double.doubleToRawLongBits(v));
        }

        @Override
        public double getAcquire()
        {
            return Double.longBitsToDouble(bits.getAcquire());
        }

        @Override
        public void setRelease(final double v)
        {
            bits.setRelease(Double.doubleToRawLongBits(v));
        }

        @Override
        public double getAndSet(final double v)
        {
            return Double.longBitsToDouble(bits.getAndSet(Double.doubleToRawLongBits(v)));
        }

        @Override
        public boolean compareAndSet(final double expected, final double v)
        {
            return bits.compareAndSet(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(v));
        }

        @Override
        public double getAndAdd(final double delta)
        {
            return Double.longBitsToDouble(bits.getAndUpdate(
                b -> Double.doubleToRawLongBits(Double.longBitsToDouble(b) + delta)));
        }

        @Override
        public double addAndGet(final double delta)
        {
            return getAndAdd(delta) + delta;
        }
    }

    /** {@link Semaphore} as a {@link SharedSemaphore}. */
    private static final class JdkSemaphore extends Semaphore implements SharedSemaphore
    {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final int initial;

        JdkSemaphore(final String name, final int permits)
        {
            super(permits);
            this.name = name;
            this.initial = permits;
        }

        @Override
        public String name()
        {
            return name;
        }

        @Override
        public int initialPermits()
        {
            return initial;
        }

        @Override
        public boolean isBounded()
        {
            return false;
        }

        @Override
        public boolean tryAcquire(final long timeout, final TimeUnit unit) throws InterruptedException
        {
            return super.tryAcquire(timeout, unit);
        }
    }
}

package dev.shmem.internal.wait;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Sleeping on a shared (not {@code FUTEX_PRIVATE_FLAG}) Linux futex, through a JNA direct mapping of
 * {@code syscall(2)}. A shared futex is keyed by the physical page, so threads of different processes that map
 * the same file wake each other. Only the library's own threads sleep here: the waker threads ({@link Watch}) and
 * {@link KernelWaitThread}s (the pool's dispatcher and workers, whose {@code interrupt()} wakes them). A user
 * thread inside a JNA call would be {@code RUNNABLE}, could not be interrupted and would pin a virtual thread's
 * carrier, so user threads park instead.
 */
public final class FutexSleeper implements Sleeper
{
    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int TIMESPEC_LENGTH = 16;

    private static final ThreadLocal<UnsafeBuffer> TIMESPEC = ThreadLocal.withInitial(() ->
        new UnsafeBuffer(ByteBuffer.allocateDirect(TIMESPEC_LENGTH).order(ByteOrder.nativeOrder())));

    private final long sysFutex;

    private FutexSleeper(final long sysFutex)
    {
        this.sysFutex = sysFutex;
    }

    /**
     * @return a futex sleeper if this is Linux on a known architecture and the syscall works.
     * @throws UnsupportedOperationException with the reason otherwise.
     */
    static FutexSleeper load()
    {
        if (!Platform.isLinux())
        {
            throw new UnsupportedOperationException("futex needs Linux, this is " + System.getProperty("os.name"));
        }
        final long number = syscallNumber(System.getProperty("os.arch").toLowerCase(Locale.ROOT));
        Native.register(Syscall.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        final FutexSleeper sleeper = new FutexSleeper(number);
        final UnsafeBuffer probe = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final long woken = Syscall.syscall(number, probe.addressOffset(), FUTEX_WAKE, 1, 0, 0, 0);
        if (woken != 0)
        {
            throw new UnsupportedOperationException("futex probe returned " + woken + " (errno " +
                Native.getLastError() + ")");
        }
        return sleeper;
    }

    private static long syscallNumber(final String arch)
    {
        switch (arch)
        {
            case "amd64":
            case "x86_64":
                return 202;
            case "aarch64":
            case "riscv64":
            case "loongarch64":
                return 98;
            default:
                throw new UnsupportedOperationException("no futex syscall number known for os.arch " + arch);
        }
    }

    @Override
    public void await(final AtomicBuffer buffer, final int offset, final int expected, final long timeoutNanos)
    {
        final UnsafeBuffer timespec = TIMESPEC.get();
        timespec.putLong(0, timeoutNanos / 1_000_000_000L);
        timespec.putLong(8, timeoutNanos % 1_000_000_000L);
        // The kernel compares the word with `expected` atomically with queueing this thread: a change made and
        // woken after the caller read `expected` makes this return at once (EAGAIN) or wakes it.
        Syscall.syscall(sysFutex, buffer.addressOffset() + offset, FUTEX_WAIT, expected,
            timespec.addressOffset(), 0, 0);
    }

    @Override
    public int wake(final AtomicBuffer buffer, final int offset, final int count)
    {
        return (int)Syscall.syscall(sysFutex, buffer.addressOffset() + offset, FUTEX_WAKE, count, 0, 0, 0);
    }

    @Override
    public long sliceNanos(final int attempt)
    {
        return SLICE_NANOS;
    }

    @Override
    public String describe()
    {
        return "futex";
    }

    /**
     * JNA direct mapping of libc's {@code long syscall(long number, ...)}; the six arguments are passed in
     * registers, so the fixed-arity mapping matches the variadic function on the supported architectures.
     */
    static final class Syscall
    {
        private Syscall()
        {
        }

        static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
    }
}

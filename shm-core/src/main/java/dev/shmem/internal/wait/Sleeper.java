package dev.shmem.internal.wait;

import org.agrona.concurrent.AtomicBuffer;

/**
 * How a library waker thread ({@link Watch}) sleeps on a 32-bit word of shared memory until another process changes
 * it and wakes it. Callers never use it directly: they park, and the waker unparks them.
 * Implementations: {@link FutexSleeper} (Linux, a shared futex: the waiter sleeps in the kernel) and
 * {@link BackoffSleeper} (anywhere: a bounded park back-off that re-reads the word).
 */
public interface Sleeper
{
    /**
     * Sleeps while the int at {@code offset} equals {@code expected}, at most {@code timeoutNanos}. May return
     * early (spuriously, on a wake, or when the word changed); callers re-check their condition.
     *
     * @param buffer       the buffer holding the word (4-byte aligned).
     * @param offset       offset of the word.
     * @param expected     the value read before deciding to sleep.
     * @param timeoutNanos the longest sleep, greater than 0.
     */
    void await(AtomicBuffer buffer, int offset, int expected, long timeoutNanos);

    /**
     * Wakes up to {@code count} threads of any process sleeping on the word.
     *
     * @param buffer the buffer holding the word.
     * @param offset offset of the word.
     * @param count  how many to wake ({@link Integer#MAX_VALUE} for all).
     * @return how many threads were woken, 0 if none was asleep or if the sleeper cannot tell.
     */
    int wake(AtomicBuffer buffer, int offset, int count);

    /**
     * @param attempt how many times this waiter has slept so far in this wait.
     * @return the longest sleep for that attempt before the waiter re-checks interruption, its deadline and the
     * liveness of the other side.
     */
    long sliceNanos(int attempt);

    /**
     * @return a short description for diagnostics ("futex" or "park back-off").
     */
    String describe();
}

package dev.shmem;

import java.util.concurrent.TimeUnit;

/**
 * A {@link java.util.concurrent.CountDownLatch} shared by processes: {@link #await()} waits until
 * {@link #countDown()} has been called the initial number of times, by threads of any process. Obtained with
 * {@link SharedSpace#countDownLatch(String, int)}. Not reusable, as j.u.c's.
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.CountDownLatch}, across processes: actions in a thread prior to calling
 * {@code countDown()} happen-before actions following a successful return from a corresponding {@code await()}
 * in another thread of any process.
 *
 * <h2>Failure modes</h2>
 * The awaits throw {@link InterruptedException} when interrupted and the timed one returns false at its deadline.
 * A process that dies before counting down never counts down: use the timed await to bound the wait.
 */
public interface SharedCountDownLatch
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * Decrements the count, releasing every waiter in every process when it reaches zero; does nothing at zero.
     */
    void countDown();

    /**
     * @return the current count (a snapshot).
     */
    long getCount();

    /**
     * Waits until the count reaches zero; returns at once if it is zero.
     *
     * @throws InterruptedException if interrupted on entry or while waiting.
     */
    void await() throws InterruptedException;

    /**
     * Waits until the count reaches zero or the timeout elapses.
     *
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return true if the count reached zero, false if the time elapsed first.
     * @throws InterruptedException if interrupted on entry or while waiting.
     */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException;
}

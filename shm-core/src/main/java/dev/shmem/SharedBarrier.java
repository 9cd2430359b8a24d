package dev.shmem;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link java.util.concurrent.CyclicBarrier} shared by processes, like Python's {@code multiprocessing.Barrier}:
 * a fixed number of parties, in any threads of any processes, wait for each other; the barrier then trips and is
 * reused for the next generation. Obtained with {@link SharedSpace#barrier(String, int)}.
 *
 * <h2>Breaking</h2>
 * As j.u.c's: a party that times out or is interrupted breaks the barrier, and every other party waiting for that
 * generation gets {@link BrokenBarrierException}; so does a later {@code await} until {@link #reset()}. A process
 * that dies while waiting at the barrier breaks it for the others (within about a second on the mapped backend).
 *
 * <h2>Memory consistency effects</h2>
 * As {@link java.util.concurrent.CyclicBarrier}, across processes: actions prior to calling {@code await()}
 * happen-before actions following a successful return from the corresponding {@code await()} in other parties.
 */
public interface SharedBarrier
{
    /**
     * @return the entry name.
     */
    String name();

    /**
     * Waits until all parties have arrived.
     *
     * @return the arrival index of this party: {@code getParties() - 1} for the first to arrive, 0 for the last.
     * @throws InterruptedException   if interrupted while waiting (the barrier is then broken).
     * @throws BrokenBarrierException if the barrier is or becomes broken while waiting.
     */
    int await() throws InterruptedException, BrokenBarrierException;

    /**
     * Waits until all parties have arrived or the timeout elapses.
     *
     * @param timeout longest wait.
     * @param unit    unit of {@code timeout}.
     * @return the arrival index of this party, as {@link #await()}.
     * @throws InterruptedException   if interrupted while waiting (the barrier is then broken).
     * @throws BrokenBarrierException if the barrier is or becomes broken while waiting.
     * @throws TimeoutException       if the timeout elapses (the barrier is then broken).
     */
    int await(long timeout, TimeUnit unit) throws InterruptedException, BrokenBarrierException, TimeoutException;

    /**
     * Resets the barrier: parties waiting now get {@link BrokenBarrierException}; the next generation starts clean.
     */
    void reset();

    /**
     * @return true if the barrier is broken (a party timed out, was interrupted or died, or a reset interrupted a
     * generation) and not reset since.
     */
    boolean isBroken();

    /**
     * @return the number of parties needed to trip the barrier.
     */
    int getParties();

    /**
     * @return the number of parties waiting at the barrier now (a snapshot).
     */
    int getNumberWaiting();
}

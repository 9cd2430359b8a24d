package dev.shmem.demo.counter;

import dev.shmem.SharedSpace;

/**
 * One mode of {@code counter-race}: how every child adds its increments to a count shared by all of them, and how
 * the parent reads the final count. Each mode keeps its entries under its own names ({@code race.MODE.*}), so
 * modes never disturb each other and {@code stat} shows each one separately.
 *
 * <p>An implementation is stateless; the parent calls {@link #create} once before children start, each child calls
 * {@link #worker} once per run, and the parent calls {@link #total} after every child has finished. A new mode is
 * one class implementing this interface, registered in {@link CounterModes}.
 */
public interface CounterStrategy
{
    /**
     * @return the mode's name on the command line, e.g. {@code atomic}.
     */
    String name();

    /**
     * @return what the mode does, in a few words, e.g. {@code incrementAndGet}.
     */
    String description();

    /**
     * Creates the mode's entries (parent, before children start).
     *
     * @param region    the race's region.
     * @param processes number of children.
     */
    void create(SharedSpace region, int processes);

    /**
     * @param region    the race's region, opened by the child.
     * @param index     the child's index, 0 to {@code processes - 1}.
     * @param processes number of children.
     * @return what adds increments for this child.
     */
    Worker worker(SharedSpace region, int index, int processes);

    /**
     * @param region    the race's region.
     * @param processes number of children.
     * @return the count the children reached (parent, after every child has finished).
     */
    long total(SharedSpace region, int processes);

    /**
     * Adds increments to the shared count, the mode's way. Called by one thread of one child.
     */
    @FunctionalInterface
    interface Worker
    {
        /**
         * @param increments how many times to add one.
         */
        void add(long increments);
    }
}

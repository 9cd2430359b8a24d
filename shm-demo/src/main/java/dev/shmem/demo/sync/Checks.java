package dev.shmem.demo.sync;

import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;

/**
 * Range checks of the demos' options.
 */
final class Checks
{
    private Checks()
    {
    }

    /**
     * @param option the option's name.
     * @param value  its value.
     * @param min    smallest allowed.
     * @param max    largest allowed.
     * @return the value.
     * @throws DemoException (usage) if out of range.
     */
    static int inRange(final String option, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new DemoException(Main.EXIT_USAGE, option + " " + value + " is out of range: expected " + min +
                " to " + max);
        }
        return value;
    }
}

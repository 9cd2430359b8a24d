package dev.shmem.demo.counter;

import java.util.List;

/**
 * Hears what a running race does, to show progress. Called on the parent's polling thread; must be quick.
 */
public interface RaceListener
{
    /** A listener that ignores everything. */
    RaceListener NONE = new RaceListener()
    {
    };

    /**
     * @param children the started children.
     */
    default void childrenStarted(final List<ChildInfo> children)
    {
    }

    /**
     * Called about every 200 ms while a mode runs.
     *
     * @param mode         the mode.
     * @param done         increments done so far by all children.
     * @param expected     increments all children will make.
     * @param elapsedNanos time since the start signal.
     */
    default void progress(final String mode, final long done, final long expected, final long elapsedNanos)
    {
    }

    /**
     * @param result the mode that just finished.
     */
    default void modeFinished(final ModeResult result)
    {
    }
}

package dev.shmem.internal.wait;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chooses how blocked threads sleep: a shared futex on Linux, else a park back-off. The system property
 * {@code shm.sleeper=backoff} forces the fallback (for tests and for platforms where futex misbehaves).
 */
public final class Sleepers
{
    private static final AtomicBoolean PRELOADING = new AtomicBoolean();

    private Sleepers()
    {
    }

    /**
     * @return the sleeper this JVM uses (chosen, and JNA loaded, on first call).
     */
    public static Sleeper get()
    {
        return Chosen.DEFAULT;
    }

    /**
     * @return why the fallback is used, or null when futex is used.
     */
    public static String fallbackReason()
    {
        return Chosen.FALLBACK_REASON;
    }

    /**
     * Starts choosing the sleeper in a background thread, once per JVM: loading JNA takes tens of milliseconds
     * of a fresh JVM's start, which then overlap with mapping a region and attaching to it. A thread that calls
     * {@link #get()} meanwhile waits for that choice (the JVM's class initialization lock), never makes its own.
     */
    public static void preload()
    {
        if (PRELOADING.compareAndSet(false, true))
        {
            final Thread loader = new Thread(Sleepers::get, "shm-sleeper-preload");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** The choice, made when first used. */
    private static final class Chosen
    {
        private static final Sleeper DEFAULT;
        private static final String FALLBACK_REASON;

        static
        {
            Sleeper chosen;
            String reason = null;
            if ("backoff".equals(System.getProperty("shm.sleeper")))
            {
                chosen = new BackoffSleeper();
                reason = "forced by -Dshm.sleeper=backoff";
            }
            else
            {
                try
                {
                    chosen = FutexSleeper.load();
                }
                catch (final VirtualMachineError ex)
                {
                    throw ex;
                }
                catch (final UnsupportedOperationException | Error ex)
                {
                    // LinkageError (no JNA, no native library), and the plain Error with which JNA's Native
                    // refuses an incompatible native library: fall back.
                    chosen = new BackoffSleeper();
                    reason = ex.toString();
                }
            }
            DEFAULT = chosen;
            FALLBACK_REASON = reason;
        }

        private Chosen()
        {
        }
    }
}

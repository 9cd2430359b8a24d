package dev.shmem.internal.wait;

/**
 * Chooses how blocked threads sleep: a shared futex on Linux, else a park back-off. The system property
 * {@code shm.sleeper=backoff} forces the fallback (for tests and for platforms where futex misbehaves).
 */
public final class Sleepers
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
            catch (final UnsupportedOperationException | LinkageError ex)
            {
                chosen = new BackoffSleeper();
                reason = ex.toString();
            }
        }
        DEFAULT = chosen;
        FALLBACK_REASON = reason;
    }

    private Sleepers()
    {
    }

    /**
     * @return the sleeper this JVM uses.
     */
    public static Sleeper get()
    {
        return DEFAULT;
    }

    /**
     * @return why the fallback is used, or null when futex is used.
     */
    public static String fallbackReason()
    {
        return FALLBACK_REASON;
    }
}

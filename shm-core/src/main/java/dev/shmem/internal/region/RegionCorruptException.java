package dev.shmem.internal.region;

/**
 * Thrown when a region that opened cleanly is later found to hold a record or offset that cannot be right
 * (another process wrote garbage into it). Nothing is written when this is thrown.
 */
public final class RegionCorruptException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was found and what was expected.
     */
    public RegionCorruptException(final String message)
    {
        super(message);
    }
}

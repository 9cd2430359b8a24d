package dev.shmem;

/**
 * Thrown by an operation on a region that opened cleanly when it is later found to hold a record or offset that
 * cannot be right (another process wrote garbage into it). Nothing is written when this is thrown. A file that is
 * not a valid region when it is opened gives {@link InvalidRegionException} instead.
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

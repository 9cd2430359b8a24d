package dev.shmem;

/**
 * Thrown when a new entry does not fit: the data area has too few bytes left, or every directory record is used.
 * Nothing is lost: every entry created before keeps its value, the failed entry is not created, and the region
 * still opens.
 */
public final class RegionFullException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what did not fit and how much room there was.
     */
    public RegionFullException(final String message)
    {
        super(message);
    }
}

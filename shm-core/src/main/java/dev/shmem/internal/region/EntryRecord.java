package dev.shmem.internal.region;

/**
 * A validated, READY directory record.
 *
 * @param slot the record's index in the directory.
 * @param name the entry name.
 * @param type the entry type.
 * @param dataOffset absolute offset of the entry's data in the region.
 * @param dataBytes bytes of the entry's data.
 * @param length elements of an array, permits of a semaphore; 1 for values and locks.
 * @param parameter type-specific parameter (0 when unused).
 */
public record EntryRecord(int slot, String name, EntryType type, int dataOffset, int dataBytes, long length,
    long parameter)
{
    /**
     * @return e.g. "long value 'hits'" or "int array of length 10 'xs'".
     */
    public String describe()
    {
        return type.describe(length) + " " + Names.quote(name);
    }
}

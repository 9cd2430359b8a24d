package dev.shmem.internal.value;

/**
 * The bounds check shared by the array handles: one place for the rule and its message.
 */
final class ArrayIndex
{
    private ArrayIndex()
    {
    }

    /**
     * @param index  element index asked for.
     * @param length array length.
     * @param shift  log2 of the element size.
     * @param name   array name, for the message.
     * @return the byte offset of the element.
     * @throws IndexOutOfBoundsException naming the index, the length and the array.
     */
    static int offset(final int index, final int length, final int shift, final String name)
    {
        if (index < 0 || index >= length)
        {
            throw new IndexOutOfBoundsException(
                "index " + index + " out of bounds for length " + length + " of array '" + name + "'");
        }
        return index << shift;
    }
}

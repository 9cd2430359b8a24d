package dev.shmem.demo.article;

import dev.shmem.SharedIntArray;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;

import java.nio.file.Path;

/**
 * The article's {@code update_array(arr)}, as the main class of a child JVM: {@code ArrayUpdater REGION LENGTH}.
 * Adds one to every element of the shared {@code array} ({@code arr[i] = arr[i] + 1}; no other process writes it).
 */
public final class ArrayUpdater
{
    private ArrayUpdater()
    {
    }

    /**
     * @param args region, array length.
     * @throws Exception if the region cannot be opened.
     */
    public static void main(final String[] args) throws Exception
    {
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedIntArray arr = region.intArray(ValueArrayCommand.ARRAY, Integer.parseInt(args[1]));
            Faults.failIfRequested("before updating the array");
            for (int i = 0; i < arr.length(); i++)
            {
                arr.set(i, arr.get(i) + 1);
            }
        }
    }
}

package dev.shmem.demo.dict;

import dev.shmem.SharedMap;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;

import java.nio.file.Path;

/**
 * The article's {@code worker(shared_dict, key, value)}, as the main class of a child JVM:
 * {@code DictWorker REGION KEY VALUE} sets {@code d[KEY] = VALUE}.
 */
public final class DictWorker
{
    private DictWorker()
    {
    }

    /**
     * @param args region, key, value.
     * @throws Exception if the region cannot be opened.
     */
    public static void main(final String[] args) throws Exception
    {
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedMap<String, Long> d = region.map(ManagerDictCommand.DICT, String.class, Long.class, 1024,
                ManagerDictCommand.MAX_ENTRY_BYTES);
            Faults.failIfRequested("before setting " + args[1]);
            d.put(args[1], Long.parseLong(args[2]));
        }
    }
}

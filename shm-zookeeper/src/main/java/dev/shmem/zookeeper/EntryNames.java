package dev.shmem.zookeeper;

import dev.shmem.internal.region.Names;

import java.util.Base64;

/**
 * Entry names as znode names: a shm name (1 to 127 UTF-8 bytes of printable characters) is checked as
 * {@code SharedRegion} checks it and stored as {@code "_"} plus its URL-safe Base64 form, so that {@code /},
 * {@code .} and every other character are safe in a path.
 */
final class EntryNames
{
    private EntryNames()
    {
    }

    /**
     * @param name a shm entry name.
     * @return its znode name: the name's UTF-8 bytes in URL-safe Base64, after "_" (any printable name, "/" or
     * "." included, becomes one valid znode name).
     * @throws IllegalArgumentException naming the value and what was expected: the same rules, and the same
     *                                  messages, as the mapped backend's (shm-core's {@code Names}).
     */
    static String znode(final String name)
    {
        return "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(Names.encode(name));
    }

    /**
     * @param name an entry name.
     * @return it in quotes, non-printable characters escaped, for messages.
     */
    static String quote(final String name)
    {
        return Names.quote(name);
    }
}

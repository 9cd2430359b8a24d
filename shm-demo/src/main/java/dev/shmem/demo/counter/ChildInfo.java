package dev.shmem.demo.counter;

import java.nio.file.Path;

/**
 * A child JVM of a race.
 *
 * @param index its index, 0 to processes - 1.
 * @param pid   its process id.
 * @param log   the file holding its standard output and error.
 */
public record ChildInfo(int index, long pid, Path log)
{
}

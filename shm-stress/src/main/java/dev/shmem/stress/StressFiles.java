package dev.shmem.stress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the stress tests put their region files and how they are named: {@code shm-jcstress-<pid>-<n>.shm} under
 * {@code /dev/shm}, or {@code java.io.tmpdir} where there is no writable {@code /dev/shm}. Has no side effects,
 * so the suite runner can look for leftovers without creating or deleting anything.
 */
public final class StressFiles
{
    /** File name prefix of every region file made by the stress tests. */
    public static final String PREFIX = "shm-jcstress-";

    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+\\.shm");

    private StressFiles()
    {
    }

    /**
     * @return {@code /dev/shm} if it is a writable directory, else {@code java.io.tmpdir}.
     */
    public static Path directory()
    {
        final Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * @param pid      the JVM that makes the file.
     * @param sequence a number unique in that JVM.
     * @return the file name.
     */
    public static String fileName(final long pid, final long sequence)
    {
        return PREFIX + pid + "-" + sequence + ".shm";
    }

    /**
     * Lists the stress-test region files in a directory whose JVM is no longer running: files nobody will delete.
     *
     * @param directory where to look.
     * @return the files, possibly empty.
     */
    public static List<Path> leftovers(final Path directory)
    {
        final List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*.shm"))
        {
            for (final Path file : files)
            {
                final Matcher matcher = NAME.matcher(file.getFileName().toString());
                if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty())
                {
                    found.add(file);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory, ex);
        }
        return found;
    }
}

package dev.shmem.fuzz;

import dev.shmem.InvalidRegionException;
import dev.shmem.RobustLock;
import dev.shmem.SharedQueue;
import dev.shmem.SharedRegion;
import dev.shmem.SharedSemaphore;
import dev.shmem.internal.region.DirectoryDescriptor;
import dev.shmem.internal.region.HeaderDescriptor;
import dev.shmem.internal.region.MappedRegion;
import dev.shmem.internal.region.RegionFiles;
import dev.shmem.internal.region.RegionLayout;

import org.agrona.BitUtil;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM of {@link RegionFuzzTest}: makes mutants {@code [from, from + count)} of the template, opens and
 * exercises each through the public API, and reports one line per mutant: {@code REFUSED}, {@code OPENED},
 * {@code UNEXPECTED} (an exception of a type the API does not document), or {@code WRITE} (a byte changed where
 * the library has no business writing). A mutant that runs too long is reported as {@code HANG} and the JVM
 * halts; a crash shows as a {@code BEGIN} line with no result.
 */
public final class FuzzChild
{
    static final long MUTANT_TIMEOUT_MILLIS = 10_000;
    private static final long OP_TIMEOUT_MILLIS = 5;

    private static volatile long deadline = Long.MAX_VALUE;
    private static volatile int current = -1;

    private FuzzChild()
    {
    }

    /**
     * @param args template path, work directory, seed, first mutant, mutant count, report file.
     * @throws IOException if the template or report cannot be read or written.
     */
    public static void main(final String[] args) throws IOException
    {
        final byte[] template = Files.readAllBytes(Path.of(args[0]));
        final Path work = Path.of(args[1]);
        final long seed = Long.parseLong(args[2]);
        final int from = Integer.parseInt(args[3]);
        final int count = Integer.parseInt(args[4]);
        final RegionMutator mutator = new RegionMutator(template);
        try (PrintStream report = new PrintStream(Files.newOutputStream(Path.of(args[5])), true,
            StandardCharsets.UTF_8))
        {
            startWatchdog(report);
            for (int i = from; i < from + count; i++)
            {
                final List<String> what = new ArrayList<>();
                final byte[] mutant = mutator.mutate(new Random(mutantSeed(seed, i)), what);
                final Path file = work.resolve("mutant-" + i + ".shm");
                Files.write(file, mutant);
                report.println("BEGIN " + i);
                current = i;
                deadline = System.currentTimeMillis() + MUTANT_TIMEOUT_MILLIS;
                String outcome;
                try
                {
                    outcome = exercise(file, mutant);
                }
                catch (final Throwable t)
                {
                    outcome = "UNEXPECTED " + describe(t);
                }
                deadline = Long.MAX_VALUE;
                report.println(i + " " + outcome + " | " + String.join("; ", what));
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * @param seed the run's seed.
     * @param index mutant index.
     * @return the seed of that mutant's random source.
     */
    static long mutantSeed(final long seed, final int index)
    {
        return seed * 0x9E37_79B9_7F4A_7C15L + index;
    }

    private static String exercise(final Path file, final byte[] before) throws IOException
    {
        final SharedRegion region;
        try
        {
            region = SharedRegion.builder(file).initTimeout(Duration.ofMillis(20)).open();
        }
        catch (final InvalidRegionException ex)
        {
            final String changed = writeCheck(file, before, null);
            return changed != null ? changed : "REFUSED " + category(ex.getMessage());
        }
        catch (final IllegalStateException ex)
        {
            final String changed = writeCheck(file, before, null);
            return changed != null ? changed : "REFUSED-AT-ATTACH " + category(ex.getMessage());
        }
        final boolean[] allowed;
        final List<String> failures = new ArrayList<>();
        try (region)
        {
            allowed = allowedWrites(file, before.length);
            exerciseEntries(region, failures);
        }
        final String changed = writeCheck(file, before, allowed);
        return changed != null ? changed : failures.isEmpty() ? "OPENED [all operations ok]" :
            "OPENED [some operations refused] " + new TreeSet<>(failures);
    }

    private static void exerciseEntries(final SharedRegion region, final List<String> failures)
    {
        op(failures, "int", () -> region.intValue("i").incrementAndGet());
        op(failures, "long", () -> region.longValue("l").compareAndSet(7, 8));
        op(failures, "double", () -> region.doubleValue("d").addAndGet(1.5));
        op(failures, "int array", () -> region.intArray("ia", 8).getAndIncrement(7));
        op(failures, "long array", () -> region.longArray("la", 8).set(0, 1));
        op(failures, "double array", () -> region.doubleArray("da", 8).get(3));
        op(failures, "lock", () -> lockAndUnlock(region.lock("lock")));
        op(failures, "reentrant lock", () -> lockAndUnlock(region.reentrantLock("rlock")));
        op(failures, "semaphore", () -> acquireAndRelease(region.semaphore("sem", 2)));
        op(failures, "bounded semaphore", () -> acquireAndRelease(region.boundedSemaphore("bsem", 2)));
        op(failures, "queue", () -> offerAndPoll(region.queue("q", 4, 32)));
        op(failures, "new entry", () -> region.longArray("fresh", 4).set(3, 9));
    }

    private static void op(final List<String> failures, final String what, final Interruptible action)
    {
        try
        {
            action.run();
        }
        catch (final IllegalStateException | IllegalArgumentException | IllegalMonitorStateException ex)
        {
            failures.add(what + ": " + ex.getClass().getSimpleName());
        }
        catch (final InterruptedException ex)
        {
            throw new AssertionError("interrupted", ex);
        }
    }

    private static void lockAndUnlock(final RobustLock lock) throws InterruptedException
    {
        if (lock.tryLock(OP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
        {
            try
            {
                lock.isConsistent();
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    private static void acquireAndRelease(final SharedSemaphore semaphore) throws InterruptedException
    {
        if (semaphore.tryAcquire(1, OP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
        {
            semaphore.release();
        }
        semaphore.availablePermits();
    }

    private static void offerAndPoll(final SharedQueue queue) throws InterruptedException
    {
        queue.offer(new byte[]{ 1, 2, 3 }, OP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        queue.poll(OP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        queue.poll(OP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        queue.size();
    }

    /**
     * What the library may change in a file it opened: the allocation pointer and records-used words, the process
     * table, index words and records not yet in use, the data of the entries it found, and the unallocated data.
     */
    private static boolean[] allowedWrites(final Path file, final int length) throws IOException
    {
        final boolean[] allowed = new boolean[length];
        final MappedRegion mapped = RegionFiles.open(file, Duration.ofMillis(20), true);
        final RegionLayout layout = mapped.layout();
        Arrays.fill(allowed, HeaderDescriptor.ALLOC_POINTER_OFFSET, HeaderDescriptor.ALLOC_POINTER_OFFSET + 8, true);
        Arrays.fill(allowed, HeaderDescriptor.RECORDS_USED_OFFSET, HeaderDescriptor.RECORDS_USED_OFFSET + 4, true);
        Arrays.fill(allowed, (int)layout.processTableOffset(), (int)layout.indexOffset(), true);
        for (int i = 0; i < layout.indexSlots(); i++)
        {
            final int word = (int)layout.indexOffset() + i * 8;
            if (!DirectoryDescriptor.isPublished(mapped.buffer().getLongVolatile(word)))
            {
                Arrays.fill(allowed, word, word + 8, true);
            }
        }
        final long firstFree = layout.recordsOffset() +
            DirectoryDescriptor.recordOffset(mapped.directory().recordsUsed());
        Arrays.fill(allowed, (int)firstFree, (int)layout.dataOffset(), true);
        final long alloc = mapped.buffer().getLongVolatile(HeaderDescriptor.ALLOC_POINTER_OFFSET);
        final boolean[] owned = new boolean[length];
        mapped.directory().forEach(entry ->
        {
            // The oracle for what open must refuse: an accepted directory has disjoint entries below the pointer.
            if (entry.dataOffset() < layout.dataOffset() || entry.dataOffset() + (long)entry.dataBytes() > alloc)
            {
                throw new AssertionError("accepted " + entry.describe() + " with data outside [data offset, " +
                    "allocation pointer " + alloc + ")");
            }
            for (int i = entry.dataOffset(); i < entry.dataOffset() + entry.dataBytes(); i++)
            {
                if (owned[i])
                {
                    throw new AssertionError("accepted " + entry.describe() + " overlapping another entry at " + i);
                }
                owned[i] = true;
            }
            Arrays.fill(allowed, entry.dataOffset(), entry.dataOffset() + entry.dataBytes(), true);
        });
        Arrays.fill(allowed, (int)Math.min(layout.capacity(), BitUtil.align(alloc, RegionLayout.ENTRY_ALIGNMENT)),
            (int)layout.capacity(), true);
        return allowed;
    }

    private static String writeCheck(final Path file, final byte[] before, final boolean[] allowed)
        throws IOException
    {
        final byte[] after = Files.readAllBytes(file);
        if (after.length != before.length)
        {
            return "WRITE file length changed from " + before.length + " to " + after.length;
        }
        for (int i = 0; i < after.length; i++)
        {
            if (after[i] != before[i] && (allowed == null || !allowed[i]))
            {
                return "WRITE byte " + i + " changed from " + before[i] + " to " + after[i] +
                    (allowed == null ? " in a refused file" : " outside what the library may change");
            }
        }
        return null;
    }

    private static String category(final String message)
    {
        final int colon = message.indexOf(": ");
        final String text = colon >= 0 ? message.substring(colon + 2) : message;
        final StringBuilder words = new StringBuilder();
        for (final String word : text.split(" "))
        {
            if (word.isEmpty() || Character.isDigit(word.charAt(0)) || word.charAt(0) == '-' ||
                word.charAt(0) == '\'' || word.charAt(0) == '(' || words.length() > 40)
            {
                break;
            }
            words.append(words.length() == 0 ? "" : " ").append(word);
        }
        return "[" + words + "]";
    }

    private static String describe(final Throwable t)
    {
        final StringBuilder sb = new StringBuilder(t.toString());
        final StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(6, stack.length); i++)
        {
            sb.append(" at ").append(stack[i]);
        }
        return sb.toString().replace('\n', ' ');
    }

    private static void startWatchdog(final PrintStream report)
    {
        final Thread main = Thread.currentThread();
        final Thread watchdog = new Thread(() ->
        {
            while (true)
            {
                if (System.currentTimeMillis() > deadline)
                {
                    final StringBuilder stack = new StringBuilder();
                    for (final StackTraceElement e : main.getStackTrace())
                    {
                        stack.append(" at ").append(e);
                    }
                    report.println("HANG " + current + " after " + MUTANT_TIMEOUT_MILLIS + " ms:" + stack);
                    report.flush();
                    Runtime.getRuntime().halt(3);
                }
                try
                {
                    Thread.sleep(50);
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }, "fuzz-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    @FunctionalInterface
    private interface Interruptible
    {
        void run() throws InterruptedException;
    }
}

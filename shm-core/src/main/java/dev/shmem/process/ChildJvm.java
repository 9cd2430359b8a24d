package dev.shmem.process;

import dev.shmem.SharedRegion;


import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a given main class, started with this JVM's {@code java} binary, class path and JVM flags
 * (so {@code --add-exports} and system properties travel), like Python's {@code multiprocessing.Process}.
 *
 * <pre>{@code
 * try (ChildJvm child = ChildJvm.start(Worker.class, "/dev/shm/demo.shm", "1000")) {
 *     child.awaitSuccess(Duration.ofSeconds(30));   // throws with the child's exception if it failed
 * }
 * }</pre>
 *
 * <h2>Spawn, never fork</h2>
 * A JVM cannot fork itself: every child is a fresh JVM that loads its classes and runs {@code main} from the
 * start, like Python's {@code spawn} start method (the default on macOS and Windows). Nothing of the parent's
 * heap is inherited; children share state only through a {@link SharedRegion} (or files, sockets). Starting one
 * costs a JVM start-up, about 100 to 150 ms on a 2-core machine.
 *
 * <h2>Output and errors</h2>
 * The child's standard output and error go to one log file per child, {@code shm-child-PID.log} in the log
 * directory (default {@code java.io.tmpdir/shm-children}), or to this JVM's console with
 * {@link Builder#inheritConsole()}. {@link #close()} removes the log of a child that succeeded unless
 * {@link Builder#keepLog()} was asked. If the child's main, or any of its threads, dies of an uncaught exception,
 * the stack trace is written to the log and to a failure report that {@link #failure()} returns;
 * {@link #awaitSuccess} throws a {@link ChildJvmException} carrying it (the article's rule: a child's error must be
 * visible to the parent). A child that the JVM or launcher refused to start (a bad flag, a class path that cannot
 * load the child's main, as under {@code mvn exec:java}) is reported with the first line it printed.
 *
 * <h2>Flags</h2>
 * The child gets this JVM's flags (but not a debugger agent), {@code --add-exports
 * java.base/jdk.internal.misc=ALL-UNNAMED} if this JVM has it from a manifest, and on JDK 22+
 * {@code --enable-native-access=ALL-UNNAMED} if this JVM has native access (so JNA prints no warning).
 *
 * <h2>Failure modes</h2>
 * {@link #waitFor} and {@link #awaitSuccess} are bounded by their timeout and honour interruption.
 * {@link #close} kills a child that is still running, so try-with-resources never leaks a process.
 */
public final class ChildJvm implements AutoCloseable
{
    private static final String ADD_EXPORTS = "--add-exports";
    private static final String MISC_EXPORT = "java.base/jdk.internal.misc=ALL-UNNAMED";

    private static final String NATIVE_ACCESS = "--enable-native-access";
    private static final String JNA_PLATFORM_PATH = "jna.platform.library.path";
    private static final String JNA_BOOT_PATH = "jna.boot.library.path";
    private static final String CANNOT_LOAD_MAIN = "Could not find or load main class";

    private final Process process;
    private final Path logFile;
    private final Path reportFile;
    private final String mainClass;
    private final String classPath;
    private final boolean keepLog;
    private final ClassDataArchive archive;
    private volatile String closedFailure;

    private ChildJvm(final Process process, final Path logFile, final Path reportFile, final Builder options,
        final ClassDataArchive archive)
    {
        this.process = process;
        this.logFile = logFile;
        this.reportFile = reportFile;
        this.mainClass = options.mainClass;
        this.classPath = options.classPath;
        this.keepLog = options.keepLog;
        this.archive = archive;
    }

    /**
     * Starts a child JVM with default options.
     *
     * @param mainClass class with a {@code public static void main(String[])}.
     * @param args      its arguments.
     * @return the running child.
     * @throws IOException if the JVM cannot be started.
     */
    public static ChildJvm start(final Class<?> mainClass, final String... args) throws IOException
    {
        return builder(mainClass).args(args).start();
    }

    /**
     * @param mainClass class with a {@code public static void main(String[])}.
     * @return a builder for a child with extra JVM flags, another log directory or environment.
     */
    public static Builder builder(final Class<?> mainClass)
    {
        return new Builder(mainClass.getName());
    }

    /**
     * @param mainClassName fully qualified name of a class on this JVM's class path.
     * @return a builder.
     */
    public static Builder builder(final String mainClassName)
    {
        return new Builder(Objects.requireNonNull(mainClassName, "mainClassName"));
    }

    /**
     * @return the child's process id.
     */
    public long pid()
    {
        return process.pid();
    }

    /**
     * @return the file that receives the child's standard output and error, or null if the child prints to this
     * JVM's console ({@link Builder#inheritConsole()}).
     */
    public Path logFile()
    {
        return logFile;
    }

    /**
     * @return a future completed (in a JDK thread) when the child has exited.
     */
    public CompletableFuture<ChildJvm> onExit()
    {
        return process.onExit().thenApply(ignored -> this);
    }

    /**
     * Says how the child ended, for messages: its exit status and what it means, and, when it exited with an error
     * it did not report as an exception (the JVM or the launcher refused to start it), the first line of its log.
     *
     * @return for example {@code "exited with status 1; it said: Error: Could not find or load main class X"}.
     * @throws IllegalThreadStateException if it has not exited.
     */
    public String describeExit()
    {
        final int status = exitValue();
        final StringBuilder text = new StringBuilder(status > 128 ? "died of signal " + (status - 128) :
            "exited with status " + status + describe(status));
        if (status != 0 && status <= 128 && failure().isEmpty())
        {
            firstLogLine().ifPresent(line ->
            {
                text.append("; it said: ").append(line);
                if (line.contains(CANNOT_LOAD_MAIN))
                {
                    text.append(" (its class path is ").append(classPath).append(", this JVM's java.class.path: a " +
                        "parent run by `mvn exec:java` or another class loader has classes the child cannot " +
                        "load; run the parent with `java -cp`, or `mvn exec:exec`, or set " +
                        "ChildJvm.Builder.classPath)");
                }
            });
        }
        return text.toString();
    }

    /**
     * @return true while the child runs.
     */
    public boolean isAlive()
    {
        return process.isAlive();
    }

    /**
     * @param timeout how long to wait at most.
     * @return true if the child has exited.
     * @throws InterruptedException if this thread is interrupted while waiting.
     */
    public boolean waitFor(final Duration timeout) throws InterruptedException
    {
        return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * @return the child's exit status.
     * @throws IllegalThreadStateException if it has not exited.
     */
    public int exitValue()
    {
        return process.exitValue();
    }

    /**
     * Kills the child with SIGKILL (like {@code kill -9}) and waits up to 10 s for it to be gone.
     *
     * @throws ChildJvmException if it is still alive after that.
     */
    public void kill()
    {
        process.destroyForcibly();
        boolean interrupted = false;
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true)
            {
                try
                {
                    if (process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))
                    {
                        return;
                    }
                    throw new ChildJvmException("child pid " + pid() + " (" + mainClass +
                        ") still alive 10 s after SIGKILL; log " + logFile, pid(), logFile, null);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * @return the stack trace of the uncaught exception the child died of (or that killed one of its threads),
     * if any has been reported so far.
     */
    public Optional<String> failure()
    {
        final String kept = closedFailure;
        if (kept != null)
        {
            return kept.isEmpty() ? Optional.empty() : Optional.of(kept);
        }
        try
        {
            return Optional.of(Files.readString(reportFile, StandardCharsets.UTF_8));
        }
        catch (final NoSuchFileException ex)
        {
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            return Optional.of("could not read failure report " + reportFile + ": " + ex);
        }
    }

    /**
     * @return the child's log so far (standard output and error).
     * @throws IOException if it cannot be read.
     */
    public String log() throws IOException
    {
        return Files.readString(logFile, StandardCharsets.UTF_8);
    }

    /**
     * Waits for the child to exit with status 0.
     *
     * @param timeout how long to wait at most; a child still running then is killed.
     * @throws ChildJvmException    if it exits with another status, dies of an exception, or runs past the timeout;
     *                              the message names the pid, the status, the log file and the child's exception.
     * @throws InterruptedException if this thread is interrupted while waiting (the child keeps running).
     */
    public void awaitSuccess(final Duration timeout) throws InterruptedException
    {
        if (!waitFor(timeout))
        {
            kill();
            throw new ChildJvmException("child pid " + pid() + " (" + mainClass + ") did not finish within " +
                timeout + " and was killed; " + where(), pid(), logFile, failure().orElse(null));
        }
        if (exitValue() != 0)
        {
            throw new ChildJvmException("child pid " + pid() + " (" + mainClass + ") " + describeExit() + "; " +
                where(), pid(), logFile, failure().orElse(null));
        }
    }

    /**
     * Kills the child if it is still running, and removes its failure report file (what it said stays available
     * from {@link #failure()}). Its log file stays if the child failed (a non-zero exit, or an uncaught exception
     * in any thread) or if {@link Builder#keepLog()} asked for it; the log of a child that succeeded is removed.
     */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            kill();
        }
        if (closedFailure == null)
        {
            closedFailure = failure().orElse("");
            archive.childExited();
            deleteQuietly(reportFile);
            if (logFile != null && !keepLog && exitValue() == 0 && closedFailure.isEmpty())
            {
                deleteQuietly(logFile);
            }
        }
    }

    @Override
    public String toString()
    {
        return "ChildJvm[pid " + pid() + ", " + mainClass + (isAlive() ? ", running]" : ", exited]");
    }

    private String where()
    {
        return logFile == null ? "output on the parent's console" : "log " + logFile;
    }

    private Optional<String> firstLogLine()
    {
        if (logFile == null)
        {
            return Optional.empty();
        }
        try (java.io.BufferedReader reader = Files.newBufferedReader(logFile, StandardCharsets.UTF_8))
        {
            for (String line; (line = reader.readLine()) != null; )
            {
                if (!line.isBlank())
                {
                    return Optional.of(line.strip());
                }
            }
            return Optional.empty();
        }
        catch (final IOException ex)
        {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(final Path file)
    {
        try
        {
            Files.deleteIfExists(file);
        }
        catch (final IOException ex)
        {
            System.getLogger("dev.shmem").log(System.Logger.Level.WARNING, "cannot remove " + file + ": " + ex);
        }
    }

    private static String describe(final int status)
    {
        if (status == ChildMain.EXIT_UNCAUGHT)
        {
            return " (uncaught exception)";
        }
        if (status == ChildMain.EXIT_BAD_MAIN)
        {
            return " (main class could not be started)";
        }
        return "";
    }

    /**
     * Options for a child JVM.
     */
    public static final class Builder
    {
        private final String mainClass;
        private final List<String> args = new ArrayList<>();
        private final List<String> jvmArgs = new ArrayList<>();
        private Path logDirectory = Path.of(System.getProperty("java.io.tmpdir"), "shm-children");
        private String classPath = System.getProperty("java.class.path");
        private boolean inheritConsole;
        private boolean keepLog;
        private boolean classDataSharing;
        private LogRenamer renamer = (from, to) ->
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        private Builder(final String mainClass)
        {
            this.mainClass = mainClass;
        }

        /**
         * @param args arguments passed to the child's main (appended).
         * @return this builder.
         */
        public Builder args(final String... args)
        {
            this.args.addAll(List.of(args));
            return this;
        }

        /**
         * @param jvmArgs JVM flags added after the inherited ones (appended), e.g. {@code -Xmx64m}.
         * @return this builder.
         */
        public Builder jvmArgs(final String... jvmArgs)
        {
            this.jvmArgs.addAll(List.of(jvmArgs));
            return this;
        }

        /**
         * @param directory where the child's log and failure report go (created if missing).
         * @return this builder.
         */
        public Builder logDirectory(final Path directory)
        {
            this.logDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * @param classPath the child's class path (default: this JVM's {@code java.class.path}); it must hold
         *                  shm-core and the main class.
         * @return this builder.
         */
        public Builder classPath(final String classPath)
        {
            this.classPath = Objects.requireNonNull(classPath, "classPath");
            return this;
        }

        /**
         * The child prints to this JVM's standard output and error, as Python's child processes print to the same
         * terminal, instead of to a log file ({@link #logFile()} is then null). Its uncaught exceptions still reach
         * {@link #failure()}.
         *
         * @return this builder.
         */
        public Builder inheritConsole()
        {
            this.inheritConsole = true;
            return this;
        }

        /**
         * Keeps the child's log file after {@link #close()} even if the child succeeded (by default only the logs
         * of children that failed stay).
         *
         * @return this builder.
         */
        public Builder keepLog()
        {
            this.keepLog = true;
            return this;
        }

        /**
         * @param enabled whether the child starts from an application class-data-sharing archive made by an
         *                earlier child with the same java, class path and flags, and makes one if there is none
         *                (default false; {@code JvmPool} turns it on). Falls back silently where it cannot.
         * @return this builder.
         */
        public Builder classDataSharing(final boolean enabled)
        {
            this.classDataSharing = enabled;
            return this;
        }

        /** For tests: what names the log after the child's pid. */
        Builder logRenamer(final LogRenamer renamer)
        {
            this.renamer = Objects.requireNonNull(renamer, "renamer");
            return this;
        }

        /**
         * @return the started child.
         * @throws IOException if the JVM cannot be started, the log directory cannot be created, or the log cannot
         *                     be named after the child's pid (the child is killed then: none is left running).
         */
        public ChildJvm start() throws IOException
        {
            Files.createDirectories(logDirectory);
            final String token = UUID.randomUUID().toString();
            final Path startingLog = logDirectory.resolve("shm-child-starting-" + token + ".log");
            final Path reportFile = logDirectory.resolve("shm-child-" + token + ".failure");
            final List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(inheritedJvmArgs(classDataSharing, classPath));
            command.addAll(jvmArgs);
            command.add("-cp");
            command.add(classPath);
            final ClassDataArchive archive = classDataSharing ? ClassDataArchive.forCommand(command, classPath) :
                ClassDataArchive.none();
            command.addAll(command.size() - 2, archive.flags());
            command.add(ChildMain.class.getName());
            command.add(reportFile.toString());
            command.add(mainClass);
            command.addAll(args);
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (inheritConsole)
            {
                builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
            }
            else
            {
                builder.redirectOutput(startingLog.toFile());
            }
            final Process process = builder.start();
            if (inheritConsole)
            {
                return new ChildJvm(process, null, reportFile, this, archive);
            }
            final Path logFile = logDirectory.resolve("shm-child-" + process.pid() + ".log");
            try
            {
                renamer.rename(startingLog, logFile);
            }
            catch (final IOException | RuntimeException ex)
            {
                // Nobody would own a child we do not return: kill it before failing.
                process.destroyForcibly();
                throw new IOException("cannot name the log of child pid " + process.pid() + " " + logFile +
                    " (the child was killed; its output so far is in " + startingLog + "): " + ex, ex);
            }
            return new ChildJvm(process, logFile, reportFile, this, archive);
        }

        private static List<String> inheritedJvmArgs(final boolean ownArchive, final String classPath)
        {
            final List<String> inherited = new ArrayList<>();
            boolean hasMiscExport = false;
            boolean hasNativeAccess = false;
            final List<String> input = ManagementFactory.getRuntimeMXBean().getInputArguments();
            for (int i = 0; i < input.size(); i++)
            {
                final String arg = input.get(i);
                // A debugger agent would clash on its port; a child with its own class-data archive drops the
                // parent's archive flags.
                if (arg.startsWith("-agentlib:jdwp") || arg.startsWith("-Xrunjdwp") || (ownArchive &&
                    (arg.startsWith("-XX:SharedArchiveFile") || arg.startsWith("-XX:ArchiveClassesAtExit") ||
                    arg.startsWith("-XX:+AutoCreateSharedArchive") || arg.startsWith("-Xshare"))))
                {
                    continue;
                }
                if (arg.equals(ADD_EXPORTS + "=" + MISC_EXPORT) ||
                    (arg.equals(ADD_EXPORTS) && i + 1 < input.size() && input.get(i + 1).equals(MISC_EXPORT)))
                {
                    hasMiscExport = true;
                }
                hasNativeAccess |= arg.startsWith(NATIVE_ACCESS);
                inherited.add(arg);
            }
            if (!hasMiscExport)
            {
                // Agrona needs it; a parent started with `java -jar` gets it from the manifest, which children
                // started with -cp do not read.
                inherited.add(ADD_EXPORTS);
                inherited.add(MISC_EXPORT);
            }
            final String jnaPath = System.getProperty(JNA_PLATFORM_PATH);
            if (jnaPath != null && input.stream().noneMatch(arg -> arg.startsWith("-D" + JNA_PLATFORM_PATH + "=")))
            {
                // The search path JNA computed here (it runs `ldconfig -p` for it, about 15 ms of a child's start):
                // the child's JNA finds libc where this JVM's did, without running it again.
                inherited.add("-D" + JNA_PLATFORM_PATH + "=" + jnaPath);
            }
            if (System.getProperty(JNA_BOOT_PATH) == null)
            {
                // The child loads JNA's native library from one kept copy instead of extracting a new one (only a
                // child with this JVM's JNA jar: another JNA version refuses this one's library).
                JnaDispatchCache.directoryFor(classPath).ifPresent(dir ->
                    inherited.add("-D" + JNA_BOOT_PATH + "=" + dir));
            }
            if (!hasNativeAccess && NativeAccess.enabledForUnnamedModule())
            {
                // JDK 22+: the parent has native access from its manifest (Enable-Native-Access); without the flag
                // the child would print JNA's native-access warning.
                inherited.add(NATIVE_ACCESS + "=ALL-UNNAMED");
            }
            return inherited;
        }
    }

    /** Names a child's log after its pid. */
    @FunctionalInterface
    interface LogRenamer
    {
        /**
         * @param from the log the child was started with.
         * @param to   its name after the child's pid.
         * @throws IOException if it cannot be renamed.
         */
        void rename(Path from, Path to) throws IOException;
    }
}

package dev.shmem;

import dev.shmem.internal.wait.Sleeper;

import dev.shmem.process.ChildJvm;
import dev.shmem.process.ChildJvmException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChildJvmTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    final TempRegionDir dir = new TempRegionDir();

    @Test
    void argumentsJvmFlagsAndOutputTravel() throws Exception
    {
        try (ChildJvm child = ChildJvm.builder(Printer.class).args("one", "two words").jvmArgs("-Dshm.test.flag=42")
            .logDirectory(dir.path()).start())
        {
            child.awaitSuccess(TIMEOUT);
            assertEquals(0, child.exitValue());
            assertEquals(dir.resolve("shm-child-" + child.pid() + ".log"), child.logFile());
            final String log = child.log();
            assertTrue(log.contains("args=[one, two words]"), log);
            assertTrue(log.contains("flag=42"), log);
            assertTrue(log.contains("pid=" + child.pid()), log);
            assertFalse(child.failure().isPresent());
        }
    }

    @Test
    void childUsesARegionBecauseAddExportsTravels() throws Exception
    {
        final java.nio.file.Path path = dir.resolve("r.shm");
        try (SharedRegion region = SharedRegion.create(path, 1 << 20))
        {
            try (ChildJvm child = ChildJvm.start(Children.Writer.class, path.toString()))
            {
                child.awaitSuccess(TIMEOUT);
            }
            assertEquals(-7, region.intValue("i").get());
        }
    }

    @Test
    void anUncaughtExceptionReachesTheParentWithPidAndLog() throws Exception
    {
        try (ChildJvm child = ChildJvm.builder(Thrower.class).logDirectory(dir.path()).start())
        {
            final ChildJvmException ex = assertThrows(ChildJvmException.class, () -> child.awaitSuccess(TIMEOUT));
            assertEquals(child.pid(), ex.pid());
            assertEquals(child.logFile(), ex.logFile());
            assertTrue(ex.getMessage().contains("pid " + child.pid()), ex.getMessage());
            assertTrue(ex.getMessage().contains("uncaught exception"), ex.getMessage());
            assertTrue(ex.getMessage().contains(child.logFile().toString()), ex.getMessage());
            final String remote = ex.remoteStackTrace().orElseThrow();
            assertTrue(remote.contains("IllegalStateException: boom from child"), remote);
            assertTrue(remote.contains("Thrower.main"), remote);
            assertTrue(child.log().contains("boom from child"), "the log has it too");
            assertEquals(remote, child.failure().orElseThrow());
        }
    }

    @Test
    void aNonZeroExitIsReported() throws Exception
    {
        try (ChildJvm child = ChildJvm.start(Exiter.class, "3"))
        {
            final ChildJvmException ex = assertThrows(ChildJvmException.class, () -> child.awaitSuccess(TIMEOUT));
            assertTrue(ex.getMessage().contains("exited with status 3"), ex.getMessage());
            assertEquals(3, child.exitValue());
        }
    }

    @Test
    void aChildThatOutlivesTheTimeoutIsKilledAndReported() throws Exception
    {
        try (ChildJvm child = ChildJvm.start(Sleeper.class))
        {
            assertFalse(child.waitFor(Duration.ofMillis(100)));
            assertThrows(IllegalThreadStateException.class, child::exitValue);
            final ChildJvmException ex =
                assertThrows(ChildJvmException.class, () -> child.awaitSuccess(Duration.ofMillis(500)));
            assertTrue(ex.getMessage().contains("did not finish within"), ex.getMessage());
            assertFalse(child.isAlive());
        }
    }

    @Test
    void killIsKillMinus9() throws Exception
    {
        final ChildJvm child = ChildJvm.start(Sleeper.class);
        child.kill();
        assertFalse(child.isAlive());
        assertEquals(128 + 9, child.exitValue());
        child.close();
    }

    @Test
    void aMissingMainClassIsReported() throws Exception
    {
        try (ChildJvm child = ChildJvm.builder("dev.shmem.NoSuchMain").start())
        {
            final ChildJvmException ex = assertThrows(ChildJvmException.class, () -> child.awaitSuccess(TIMEOUT));
            assertTrue(ex.getMessage().contains("main class could not be started"), ex.getMessage());
            assertTrue(ex.remoteStackTrace().orElseThrow().contains("ClassNotFoundException"));
        }
    }

    @Test
    void aBackgroundThreadsExceptionIsVisibleEvenIfTheChildSucceeds() throws Exception
    {
        try (ChildJvm child = ChildJvm.start(ThreadThrower.class))
        {
            child.awaitSuccess(TIMEOUT);
            assertTrue(child.failure().orElseThrow().contains("worker failed"), child.failure().toString());
        }
    }

    @Test
    void logFilesArePerPid() throws IOException, InterruptedException
    {
        try (ChildJvm a = ChildJvm.builder(Printer.class).logDirectory(dir.path()).start();
            ChildJvm b = ChildJvm.builder(Printer.class).logDirectory(dir.path()).start())
        {
            a.awaitSuccess(TIMEOUT);
            b.awaitSuccess(TIMEOUT);
            assertTrue(Files.exists(a.logFile()) && Files.exists(b.logFile()));
            assertFalse(a.logFile().equals(b.logFile()));
        }
    }

    @Test
    void theLogOfAChildThatSucceededIsRemovedUnlessKept() throws Exception
    {
        final ChildJvm ok = ChildJvm.builder(Printer.class).logDirectory(dir.path()).start();
        ok.awaitSuccess(TIMEOUT);
        assertTrue(Files.exists(ok.logFile()));
        ok.close();
        assertFalse(Files.exists(ok.logFile()), "log of a child that succeeded");
        final ChildJvm kept = ChildJvm.builder(Printer.class).logDirectory(dir.path()).keepLog().start();
        kept.awaitSuccess(TIMEOUT);
        kept.close();
        assertTrue(kept.log().contains("args=[]"), "kept on request");
        final ChildJvm failed = ChildJvm.builder(Thrower.class).logDirectory(dir.path()).start();
        assertThrows(ChildJvmException.class, () -> failed.awaitSuccess(TIMEOUT));
        failed.close();
        assertTrue(failed.log().contains("boom from child"), "log of a child that failed");
        final ChildJvm threadFailed = ChildJvm.builder(ThreadThrower.class).logDirectory(dir.path()).start();
        threadFailed.awaitSuccess(TIMEOUT);
        threadFailed.close();
        assertTrue(Files.exists(threadFailed.logFile()), "a thread's uncaught exception keeps the log");
    }

    @Test
    void aChildCanPrintToTheParentsConsole() throws Exception
    {
        // The middle child inherits nothing special: its grandchild prints to the middle child's console, which
        // is the middle child's log file.
        try (ChildJvm middle = ChildJvm.builder(ConsoleParent.class).logDirectory(dir.path()).keepLog().start())
        {
            middle.awaitSuccess(TIMEOUT);
            final String log = middle.log();
            assertTrue(log.contains("args=[from the grandchild]"), log);
            assertTrue(log.contains("grandchild log: null"), log);
        }
    }

    @Test
    void aClassPathThatCannotLoadTheChildIsReportedWithTheChildsFirstLine() throws Exception
    {
        // As under `mvn exec:java`: the parent's classes are not on its java.class.path.
        try (ChildJvm child = ChildJvm.builder(Printer.class).classPath(dir.path().toString())
            .logDirectory(dir.path()).start())
        {
            final ChildJvmException ex = assertThrows(ChildJvmException.class, () -> child.awaitSuccess(TIMEOUT));
            assertTrue(ex.getMessage().contains("Could not find or load main class dev.shmem.process.ChildMain"),
                ex.getMessage());
            assertTrue(ex.getMessage().contains("mvn exec:java"), ex.getMessage());
            assertTrue(child.describeExit().contains("it said: Error: Could not find or load main class"),
                child.describeExit());
        }
    }

    @Test
    void aBadJvmFlagIsReportedWithTheJvmsFirstLine() throws Exception
    {
        try (ChildJvm child = ChildJvm.builder(Printer.class).jvmArgs("-XX:+ShmNoSuchFlag")
            .logDirectory(dir.path()).start())
        {
            final ChildJvmException ex = assertThrows(ChildJvmException.class, () -> child.awaitSuccess(TIMEOUT));
            assertTrue(ex.getMessage().contains("ShmNoSuchFlag"), ex.getMessage());
        }
    }

    static final class ConsoleParent
    {
        public static void main(final String[] args) throws Exception
        {
            try (ChildJvm grandchild = ChildJvm.builder(Printer.class).args("from the grandchild").inheritConsole()
                .start())
            {
                grandchild.awaitSuccess(TIMEOUT);
                System.out.println("grandchild log: " + grandchild.logFile());
            }
        }
    }

    @Test
    void aChildLoadsJnasLibraryFromOneKeptCopyAndSleepsOnFutex() throws Exception
    {
        String first = null;
        for (int i = 0; i < 2; i++)
        {
            try (ChildJvm child = ChildJvm.builder(JnaLoader.class).logDirectory(dir.path()).start())
            {
                child.awaitSuccess(TIMEOUT);
                final String log = child.log();
                assertTrue(log.contains("sleeper=futex fallback=null"), log);
                final String path = log.lines().filter(line -> line.startsWith("jnidispatch.path="))
                    .findFirst().orElseThrow().substring("jnidispatch.path=".length());
                // JNA's own extraction names a new temporary file (jnaNNNN.tmp) at every start.
                assertTrue(path.contains("shm-jna-") && path.endsWith("libjnidispatch.so"), log);
                if (first == null)
                {
                    first = path;
                }
                assertEquals(first, path, "both children load the same copy");
            }
        }
    }

    static final class JnaLoader
    {
        public static void main(final String[] args)
        {
            final dev.shmem.internal.wait.Sleeper sleeper = dev.shmem.internal.wait.Sleepers.get();
            System.out.println("sleeper=" + sleeper.describe() + " fallback=" +
                dev.shmem.internal.wait.Sleepers.fallbackReason());
            System.out.println("jnidispatch.path=" + System.getProperty("jnidispatch.path"));
        }
    }

    static final class Printer
    {
        public static void main(final String[] args)
        {
            System.out.println("args=" + java.util.Arrays.toString(args));
            System.out.println("flag=" + System.getProperty("shm.test.flag"));
            System.out.println("pid=" + ProcessHandle.current().pid());
        }
    }

    static final class Thrower
    {
        public static void main(final String[] args)
        {
            throw new IllegalStateException("boom from child");
        }
    }

    static final class Exiter
    {
        public static void main(final String[] args)
        {
            System.exit(Integer.parseInt(args[0]));
        }
    }

    static final class Sleeper
    {
        public static void main(final String[] args) throws InterruptedException
        {
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }

    static final class ThreadThrower
    {
        public static void main(final String[] args) throws InterruptedException
        {
            final Thread worker = new Thread(() ->
            {
                throw new IllegalArgumentException("worker failed");
            });
            worker.start();
            worker.join();
        }
    }
}

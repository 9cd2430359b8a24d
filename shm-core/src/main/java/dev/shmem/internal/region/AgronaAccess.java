package dev.shmem.internal.region;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Checks, once per JVM, that Agrona's {@link UnsafeBuffer} works here, and otherwise names the JVM flag that is
 * missing. Agrona 2.x reaches {@code jdk.internal.misc.Unsafe}, which {@code java.base} exports only when the JVM
 * is started with {@value #ADD_EXPORTS_FLAG}; without it the first buffer access fails with a raw
 * {@link IllegalAccessError} (and every later one with {@link NoClassDefFoundError}), which says nothing about
 * the fix.
 */
public final class AgronaAccess
{
    /** The JVM option every process that opens a region needs. */
    public static final String ADD_EXPORTS_FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";
    /** The line an executable jar's manifest carries instead of the option. */
    public static final String MANIFEST_LINE = "Add-Exports: java.base/jdk.internal.misc";

    private AgronaAccess()
    {
    }

    /**
     * Throws if Agrona's buffers cannot work in this JVM; costs one static field read after the first call.
     *
     * @throws IllegalStateException naming the missing flag and the manifest line, with Agrona's error as cause.
     */
    public static void check()
    {
        final LinkageError failure = Probe.FAILURE;
        if (failure != null)
        {
            throw new IllegalStateException(message(), failure);
        }
    }

    /**
     * @return what to tell a user whose JVM lacks the export.
     */
    static String message()
    {
        return "shm needs the JVM option " + ADD_EXPORTS_FLAG + ": Agrona, which shm maps regions with, uses " +
            "jdk.internal.misc.Unsafe and this JVM does not export it. Add the option to the java command " +
            "(or to MAVEN_OPTS / surefire's argLine / JDK_JAVA_OPTIONS), or put the line \"" + MANIFEST_LINE +
            "\" in the manifest of an executable jar.";
    }

    /** Holder: the probe runs when {@link #check} first reads {@link #FAILURE}, once per JVM. */
    private static final class Probe
    {
        static final LinkageError FAILURE = run();

        private static LinkageError run()
        {
            try
            {
                new UnsafeBuffer(new byte[Long.BYTES]).putLongVolatile(0, 1L);
                return null;
            }
            catch (final IllegalAccessError | NoClassDefFoundError | ExceptionInInitializerError error)
            {
                // IllegalAccessError on the first touch of Agrona's Unsafe, NoClassDefFoundError if some code
                // touched it before us; anything else (the export is present) is not ours to rename.
                if (Object.class.getModule().isExported("jdk.internal.misc", UnsafeBuffer.class.getModule()))
                {
                    throw error;
                }
                return error;
            }
        }
    }
}

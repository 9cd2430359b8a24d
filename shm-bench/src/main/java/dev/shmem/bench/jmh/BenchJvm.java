package dev.shmem.bench.jmh;

/**
 * JVM flags every JMH fork needs. Agrona 2.x uses {@code jdk.internal.misc.Unsafe}, so each benchmark class
 * carries {@code @Fork(jvmArgsAppend = BenchJvm.ADD_EXPORTS)}. A {@code -jvmArgsAppend} given on the JMH command
 * line replaces the annotation's value: repeat this flag there if you use it.
 */
public final class BenchJvm
{
    /** The export Agrona needs, in the one-argument form. */
    public static final String ADD_EXPORTS = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";

    private BenchJvm()
    {
    }
}

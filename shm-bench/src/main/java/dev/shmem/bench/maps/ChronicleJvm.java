package dev.shmem.bench.maps;

import java.util.List;

/**
 * The module openings Chronicle Map needs on JDK 17 (Chronicle's own list for Java 17 support): its core reaches
 * into {@code jdk.internal.ref}, {@code sun.nio.ch}, the compiler and reflection.
 */
public final class ChronicleJvm
{
    /** Every flag, one argument each. */
    public static final List<String> FLAGS = List.of(
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED");

    private ChronicleJvm()
    {
    }
}

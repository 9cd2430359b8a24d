package dev.shmem.demo.support;

import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Options every demo that starts child JVMs shares (a picocli mixin): {@code --timeout}, {@code --log-dir}, and
 * the hidden {@code --fail-child ROLE} used by the tests.
 */
public final class ChildOptions
{
    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
        description = "Bound of every wait for the child JVMs; a child still running then is killed and the demo " +
            "fails (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--log-dir", paramLabel = "DIR",
        description = "Directory for the children's logs (default java.io.tmpdir/shm-children); logs of " +
            "children that succeed are removed, those of children that fail are kept.")
    Path logDirectory;

    @Option(names = "--fail-child", hidden = true, paramLabel = "ROLE",
        description = "Testing: the child of this role throws an exception.")
    String failChild;

    /**
     * @param roles the roles of the demo's children.
     * @throws DemoException (usage) for a timeout below 1 s or a {@code --fail-child} that names no role.
     */
    public void check(final List<String> roles)
    {
        if (timeoutSeconds < 1)
        {
            throw new DemoException(Main.EXIT_USAGE, "--timeout " + timeoutSeconds + " must be at least 1 second");
        }
        if (failChild != null && !roles.contains(failChild))
        {
            throw new DemoException(Main.EXIT_USAGE, "--fail-child " + failChild + ": expected one of " +
                String.join(", ", roles));
        }
    }

    /**
     * @return the bound of every wait.
     */
    public Duration timeout()
    {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /**
     * @return where the children's logs go.
     */
    public Path logDirectory()
    {
        return logDirectory != null ? logDirectory :
            Path.of(System.getProperty("java.io.tmpdir"), "shm-children");
    }

    /**
     * @param role a child's role.
     * @return JVM flags for that child: the failure flag if it is the one to fail, else none.
     */
    public String[] jvmArgsFor(final String role)
    {
        return role.equals(failChild) ? new String[]{ Faults.jvmFlag(role) } : new String[0];
    }
}

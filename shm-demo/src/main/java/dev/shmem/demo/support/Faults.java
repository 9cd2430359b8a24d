package dev.shmem.demo.support;

/**
 * Failure injection for the tests of the demos: the hidden option {@code --fail-child ROLE} starts the child of
 * that role (or every pool worker, for role {@code worker} of a pool demo) with the system property
 * {@value #PROPERTY}, and the child's code calls {@link #failIfRequested} at the point where it should fail.
 */
public final class Faults
{
    /** System property naming the role that must fail. */
    public static final String PROPERTY = "shm.demo.fail";

    private Faults()
    {
    }

    /**
     * @param role the role to fail.
     * @return the JVM flag that makes a child of that role fail.
     */
    static String jvmFlag(final String role)
    {
        return "-D" + PROPERTY + "=" + role;
    }

    /**
     * Throws if this JVM was started to fail.
     *
     * @param where what the child was doing, for the message.
     * @throws IllegalStateException {@code injected failure (--fail-child ROLE) WHERE}.
     */
    public static void failIfRequested(final String where)
    {
        final String role = System.getProperty(PROPERTY);
        if (role != null)
        {
            throw new IllegalStateException("injected failure (--fail-child " + role + ") " + where);
        }
    }
}

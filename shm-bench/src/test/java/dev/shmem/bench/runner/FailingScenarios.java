package dev.shmem.bench.runner;

import dev.shmem.SharedLong;

import java.io.IOException;
import java.util.List;

/**
 * Test scenarios that go wrong in a chosen place, to show the runner reports it (children run them from the
 * test class path).
 */
final class FailingScenarios
{
    private FailingScenarios()
    {
    }

    /** The operation throws after a few thousand calls, during the warm-up. */
    public static final class ThrowingOperation extends ChildScenario
    {
        @Override
        public String name()
        {
            return "throwing-operation";
        }

        @Override
        public String description()
        {
            return "operation throws";
        }

        @Override
        public Worker worker(final WorkerContext context)
        {
            final SharedLong counter = context.region().longValue("count");
            return () ->
            {
                if (counter.incrementAndGet() == 5_000)
                {
                    throw new IllegalStateException("boom from child " + context.index());
                }
            };
        }
    }

    /** The worker cannot be set up, so the child dies before it is ready. */
    public static final class ThrowingSetup extends ChildScenario
    {
        @Override
        public String name()
        {
            return "throwing-setup";
        }

        @Override
        public String description()
        {
            return "worker set-up throws";
        }

        @Override
        public Worker worker(final WorkerContext context) throws IOException
        {
            throw new IOException("cannot set up worker " + context.index());
        }
    }

    /** Runs fine, but its invariant check finds the counter off by one. */
    public static final class BrokenInvariant extends ChildScenario
    {
        @Override
        public String name()
        {
            return "broken-invariant";
        }

        @Override
        public String description()
        {
            return "verify fails";
        }

        @Override
        protected void prepare(final ParentContext context)
        {
            context.region().longValue("count");
        }

        @Override
        public Worker worker(final WorkerContext context)
        {
            final SharedLong counter = context.region().longValue("count");
            return counter::incrementAndGet;
        }

        @Override
        protected void verify(final ParentContext context, final List<ChildReport> reports)
        {
            expectEqual("counter", totalOps(reports) + 1, context.region().longValue("count").get());
        }
    }
}

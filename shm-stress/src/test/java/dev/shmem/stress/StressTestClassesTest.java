package dev.shmem.stress;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks every jcstress test class of the module without jcstress: its outcomes are described and end in a
 * catch-all FORBIDDEN; jcstress builds a new state per iteration (so the state constructor leases and resets its
 * entries); and a run of the actors one after the other, which is one of the interleavings jcstress can produce,
 * gives an acceptable outcome and returns every lease and name it took.
 */
class StressTestClassesTest
{
    private static final Path CLASSES = Path.of("target", "classes");
    private static final Path GENERATED = Path.of("target", "generated-sources", "annotations");
    private static final Pattern REINIT = Pattern.compile(
        "void jcstress_consume_reinit\\(.*?\\{(.*?)\\n    }", Pattern.DOTALL);
    private static final int SEQUENTIAL_RUNS = 200;

    @Test
    void findsTheTests() throws IOException
    {
        assertTrue(testClasses().size() >= 30, "expected the whole suite, found " + testClasses());
    }

    @TestFactory
    Stream<DynamicTest> outcomesAreDescribedAndEndInForbidden() throws IOException
    {
        return testClasses().stream().map(test -> DynamicTest.dynamicTest(test.getSimpleName(), () ->
        {
            final Outcome[] outcomes = test.getAnnotationsByType(Outcome.class);
            assertTrue(outcomes.length >= 2, "too few outcomes");
            for (final Outcome outcome : outcomes)
            {
                assertFalse(outcome.desc().isBlank(), "outcome " + Arrays.toString(outcome.id()) + " has no desc");
            }
            final long catchAlls = Arrays.stream(outcomes).filter(StressTestClassesTest::isCatchAll).count();
            assertEquals(1, catchAlls, "exactly one catch-all outcome (no id)");
            final Outcome last = outcomes[outcomes.length - 1];
            assertTrue(isCatchAll(last), "the catch-all outcome comes last");
            assertEquals(Expect.FORBIDDEN, last.expect(), "the catch-all outcome must be FORBIDDEN");
            assertNotNull(test.getAnnotation(State.class), "@State");
            assertEquals(1, methods(test, Arbiter.class).size(), "one @Arbiter, which releases the leases");
        }));
    }

    @TestFactory
    Stream<DynamicTest> jcstressBuildsANewStatePerIteration() throws IOException
    {
        return testClasses().stream().map(test -> DynamicTest.dynamicTest(test.getSimpleName(), () ->
        {
            final Path runner = GENERATED.resolve(test.getName().replace('.', '/') + "_jcstress.java");
            assertTrue(Files.exists(runner), "no generated runner " + runner);
            final Matcher reinit = REINIT.matcher(Files.readString(runner));
            assertTrue(reinit.find(), "no jcstress_consume_reinit in " + runner);
            assertTrue(reinit.group(1).contains("ls[c] = new " + test.getSimpleName() + "();"),
                "jcstress 0.16 resets the fields of this state instead of constructing a new one, so its " +
                "entries would not be leased and reset per iteration: give it a final field or a constructor");
        }));
    }

    /**
     * Runs the actors of each state one after the other (one of the interleavings jcstress can produce), or, for
     * a class marked {@code @UnitCheck(actorsTogether = true)} whose actors wait for each other, in threads of
     * their own started together; then the arbiter. Every outcome must be acceptable, and every lease and fresh
     * name must be returned.
     */
    @TestFactory
    Stream<DynamicTest> unitRunIsAcceptableAndReturnsItsLeases() throws IOException
    {
        return testClasses().stream().map(test -> DynamicTest.dynamicTest(test.getSimpleName(), () ->
        {
            final List<Method> actors = methods(test, Actor.class);
            final Method arbiter = methods(test, Arbiter.class).get(0);
            final Class<?> resultType = arbiter.getParameterTypes()[0];
            final UnitCheck check = test.getAnnotation(UnitCheck.class);
            final int runs = check == null ? SEQUENTIAL_RUNS : check.runs();
            final boolean together = check != null && check.actorsTogether();
            int files = -1;
            for (int run = 0; run < runs; run++)
            {
                final Object state = test.getConstructor().newInstance();
                final Object result = resultType.getConstructor().newInstance();
                if (together)
                {
                    invokeTogether(actors, state, result);
                }
                else
                {
                    for (final Method actor : actors)
                    {
                        invoke(actor, state, result);
                    }
                }
                invoke(arbiter, state, result);
                assertAcceptable(test, result.toString());
                if (run == 0)
                {
                    files = StressRegions.liveFiles();
                }
            }
            for (final EntryPool<?> pool : Pools.all())
            {
                assertEquals(0, pool.outstanding(), "leases are not returned");
            }
            assertTrue(StressRegions.liveFiles() <= files + 1, "region files pile up: fresh names not released");
        }));
    }

    private static void assertAcceptable(final Class<?> test, final String result)
    {
        // As jcstress grades: an exact id first, then ids as regular expressions, then the catch-all (id "").
        final List<Outcome> outcomes = Arrays.asList(test.getAnnotationsByType(Outcome.class));
        final Outcome match = outcomes.stream().filter(outcome -> Arrays.asList(outcome.id()).contains(result))
            .findFirst()
            .or(() -> outcomes.stream().filter(outcome -> !isCatchAll(outcome))
                .filter(outcome -> Arrays.stream(outcome.id()).anyMatch(result::matches)).findFirst())
            .or(() -> outcomes.stream().filter(StressTestClassesTest::isCatchAll).findFirst())
            .orElse(null);
        assertNotNull(match, "no outcome matches " + result);
        assertTrue(match.expect() == Expect.ACCEPTABLE || match.expect() == Expect.ACCEPTABLE_INTERESTING,
            "actors run one after the other gave \"" + result + "\": " + match.expect() + ", " + match.desc());
    }

    private static boolean isCatchAll(final Outcome outcome)
    {
        return Arrays.stream(outcome.id()).allMatch(String::isEmpty);
    }

    private static void invoke(final Method method, final Object state, final Object result) throws Exception
    {
        if (method.getParameterCount() == 0)
        {
            method.invoke(state);
        }
        else
        {
            method.invoke(state, result);
        }
    }

    private static void invokeTogether(final List<Method> actors, final Object state, final Object result)
        throws Exception
    {
        final CountDownLatch start = new CountDownLatch(1);
        final List<FutureTask<Void>> tasks = new ArrayList<>();
        for (final Method actor : actors)
        {
            final FutureTask<Void> task = new FutureTask<>(() ->
            {
                start.await();
                invoke(actor, state, result);
                return null;
            });
            final Thread thread = new Thread(task, "unit-" + actor.getName());
            thread.setDaemon(true);
            thread.start();
            tasks.add(task);
        }
        start.countDown();
        for (final FutureTask<Void> task : tasks)
        {
            try
            {
                task.get(30, TimeUnit.SECONDS);
            }
            catch (final ExecutionException ex)
            {
                throw ex.getCause() instanceof Exception ? (Exception)ex.getCause() : ex;
            }
        }
    }

    private static List<Method> methods(final Class<?> test, final Class<? extends java.lang.annotation.Annotation> kind)
    {
        return Arrays.stream(test.getMethods()).filter(method -> method.isAnnotationPresent(kind))
            .sorted(Comparator.comparing(Method::getName)).collect(Collectors.toList());
    }

    private static List<Class<?>> testClasses() throws IOException
    {
        final List<Class<?>> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final String relative = CLASSES.relativize(file).toString();
                if (relative.endsWith(".class") && !relative.contains("$") && !relative.endsWith("_jcstress.class"))
                {
                    final String name = relative.substring(0, relative.length() - 6).replace(file.getFileSystem()
                        .getSeparator(), ".");
                    final Class<?> type = load(name);
                    if (type.isAnnotationPresent(JCStressTest.class) && Modifier.isPublic(type.getModifiers()))
                    {
                        tests.add(type);
                    }
                }
            }
        }
        tests.sort(Comparator.comparing(Class::getName));
        return tests;
    }

    private static Class<?> load(final String name)
    {
        try
        {
            return Class.forName(name, false, StressTestClassesTest.class.getClassLoader());
        }
        catch (final ClassNotFoundException ex)
        {
            return fail("cannot load " + name, ex);
        }
    }
}

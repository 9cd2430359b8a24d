package dev.shmem.stress;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuiteCheckTest
{
    private static final String PASSED = "(Results: 76 planned; 76 passed, 0 failed, 0 soft errs, 0 hard errs)";

    @Test
    void passesWhenEveryPlannedTestPassed()
    {
        final List<String> lines = List.of("(Results: 76 planned; 3 passed, 0 failed, 0 soft errs, 0 hard errs)",
            "", PASSED, "RUN RESULTS:", "  Failed tests: No matches.");

        assertEquals(List.of(), SuiteCheck.problems(lines, 0, List.of()));
        assertEquals("Results: 76 planned; 76 passed, 0 failed, 0 soft errs, 0 hard errs",
            SuiteCheck.resultsLine(lines));
    }

    @Test
    void failsWithoutResultsLine()
    {
        // What a -t filter that matches nothing prints, with exit code 0.
        final List<String> problems = SuiteCheck.problems(List.of("FATAL: No matching tests."), 0, List.of());

        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("no \"Results"), problems::toString);
        assertTrue(problems.get(1).contains("FATAL: No matching tests."), problems::toString);
    }

    @Test
    void failsOnForbiddenOutcome()
    {
        final List<String> problems = SuiteCheck.problems(
            List.of("(Results: 4 planned; 3 passed, 1 failed, 0 soft errs, 0 hard errs)"), 1, List.of());

        assertEquals(List.of("only 3 of 4 planned tests passed", "1 failed (a FORBIDDEN outcome was seen)",
            "jcstress exited with code 1"), problems);
    }

    @Test
    void failsOnErrors()
    {
        final List<String> problems = SuiteCheck.problems(
            List.of("(Results: 4 planned; 2 passed, 0 failed, 1 soft errs, 1 hard errs)"), 0, List.of());

        assertEquals(List.of("only 2 of 4 planned tests passed",
            "1 soft and 1 hard errors (exceptions, crashes, timeouts)"), problems);
    }

    @Test
    void failsWhenNothingPlanned()
    {
        assertEquals(List.of("no test was planned"), SuiteCheck.problems(
            List.of("(Results: 0 planned; 0 passed, 0 failed, 0 soft errs, 0 hard errs)"), 0, List.of()));
    }

    @Test
    void failsOnLeftoverFiles()
    {
        final List<String> problems =
            SuiteCheck.problems(List.of(PASSED), 0, List.of(Path.of("/dev/shm/shm-jcstress-1-1.shm")));

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("shm-jcstress-1-1.shm"), problems::toString);
    }

    @Test
    void findsUnschedulableActorCounts()
    {
        final List<String> lines = List.of("  Scheduling classes for matching tests:", "    2 actors:",
            "      (PG 0, CG 0), (PG 0, CG 1)", "    3 actors:", "      No scheduling is possible, these tests would " +
            "not run.");

        assertEquals(List.of(3), SuiteCheck.unschedulableActorCounts(lines));
    }
}

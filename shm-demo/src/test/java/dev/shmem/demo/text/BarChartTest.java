package dev.shmem.demo.text;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BarChartTest
{
    @Test
    void barsScaleToTheLargestAndASmallNonZeroValueStillShows()
    {
        final StringWriter text = new StringWriter();
        new BarChart("title", 10)
            .bar("big", 200, "200")
            .bar("half", 100, "100")
            .bar("tiny", 0.001, "0.001")
            .bar("zero", 0, "0")
            .bar("nan", Double.NaN, "n/a")
            .print(new PrintWriter(text, true), "");
        final String[] lines = text.toString().split("\\R");
        assertEquals("title", lines[0]);
        assertEquals(10, hashes(lines[1]));
        assertEquals(5, hashes(lines[2]));
        assertEquals(1, hashes(lines[3]));
        assertEquals(0, hashes(lines[4]));
        assertEquals(0, hashes(lines[5]));
    }

    private static int hashes(final String line)
    {
        return (int)line.chars().filter(c -> c == '#').count();
    }
}

package dev.shmem.demo.text;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal bar chart in plain ASCII, one bar per label, scaled linearly to the largest value. A value above
 * zero always gets at least one {@code #}, so a small but non-zero bar is never mistaken for zero.
 *
 * <pre>
 * ops/s (higher is better)
 *   plain    ########                                  31.9 M/s
 *   sharded  ########################################  160.4 M/s
 * </pre>
 */
public final class BarChart
{
    /** Default bar width in characters. */
    public static final int DEFAULT_WIDTH = 40;

    private final String title;
    private final int width;
    private final List<String> labels = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final List<String> texts = new ArrayList<>();

    /**
     * @param title line printed above the bars.
     * @param width bar width in characters for the largest value.
     */
    public BarChart(final String title, final int width)
    {
        if (width < 1)
        {
            throw new IllegalArgumentException("bar width " + width + " must be at least 1");
        }
        this.title = title;
        this.width = width;
    }

    /**
     * @param label bar label.
     * @param value bar length, 0 or more (NaN and negative values draw no bar).
     * @param text  value as printed after the bar.
     * @return this chart.
     */
    public BarChart bar(final String label, final double value, final String text)
    {
        labels.add(label);
        values.add(value);
        texts.add(text);
        return this;
    }

    /**
     * @param out    where to print.
     * @param indent prefix of every bar line.
     */
    public void print(final PrintWriter out, final String indent)
    {
        out.println(title);
        double max = 0;
        int labelWidth = 0;
        for (int i = 0; i < labels.size(); i++)
        {
            if (Double.isFinite(values.get(i)))
            {
                max = Math.max(max, values.get(i));
            }
            labelWidth = Math.max(labelWidth, labels.get(i).length());
        }
        for (int i = 0; i < labels.size(); i++)
        {
            final int length = barLength(values.get(i), max);
            out.println(indent + labels.get(i) + " ".repeat(labelWidth - labels.get(i).length()) + "  " +
                "#".repeat(length) + " ".repeat(width - length) + "  " + texts.get(i));
        }
    }

    private int barLength(final double value, final double max)
    {
        if (!(value > 0) || !(max > 0) || !Double.isFinite(value))
        {
            return 0;
        }
        return (int)Math.max(1, Math.min(width, Math.round(value / max * width)));
    }
}

package dev.shmem.demo.text;

import java.time.Duration;
import java.util.Locale;

/**
 * Number formatting for terminal output, independent of the default locale (so output is the same on every
 * machine): {@code 4,000,000}, {@code 12.5 ms}, {@code 31.9 M/s}, {@code 69.14 %}.
 */
public final class Format
{
    private Format()
    {
    }

    /**
     * @param value a count.
     * @return it with thousands separators, e.g. {@code 4,000,000}.
     */
    public static String count(final long value)
    {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * @param nanos a duration in nanoseconds.
     * @return e.g. {@code 850 us}, {@code 12.5 ms}, {@code 3.20 s}.
     */
    public static String duration(final long nanos)
    {
        if (nanos < 1_000_000)
        {
            return String.format(Locale.ROOT, "%d us", nanos / 1_000);
        }
        if (nanos < 1_000_000_000)
        {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    /**
     * @param duration a duration.
     * @return e.g. {@code 120 s} or {@code 1.5 s}.
     */
    public static String seconds(final Duration duration)
    {
        final long millis = duration.toMillis();
        return millis % 1000 == 0 ?
            (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /**
     * @param perSecond a rate.
     * @return e.g. {@code 950 /s}, {@code 12.3 k/s}, {@code 31.9 M/s}, {@code 1.20 G/s}.
     */
    public static String rate(final double perSecond)
    {
        if (!Double.isFinite(perSecond))
        {
            return "n/a";
        }
        if (perSecond < 1e3)
        {
            return String.format(Locale.ROOT, "%.0f /s", perSecond);
        }
        if (perSecond < 1e6)
        {
            return String.format(Locale.ROOT, "%.1f k/s", perSecond / 1e3);
        }
        if (perSecond < 1e9)
        {
            return String.format(Locale.ROOT, "%.1f M/s", perSecond / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f G/s", perSecond / 1e9);
    }

    /**
     * @param percent a percentage.
     * @return e.g. {@code 69.14 %}.
     */
    public static String percent(final double percent)
    {
        return String.format(Locale.ROOT, "%.2f %%", percent);
    }

    /**
     * @param value a double.
     * @return its shortest round-trip form, e.g. {@code 2.5}, {@code NaN}.
     */
    public static String number(final double value)
    {
        return Double.toString(value);
    }
}

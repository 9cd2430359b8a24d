package dev.shmem.demo.article;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * The article's ways of printing times ({@code {t:.2f}s}) and a speedup.
 */
final class Timing
{
    private Timing()
    {
    }

    /**
     * @param nanos a duration.
     * @return seconds with two decimals and no space, as the article's {@code f"{end-start:.2f}s"}: {@code 0.61s}.
     */
    static String seconds(final long nanos)
    {
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }

    /**
     * @param sequentialNanos time of the sequential run.
     * @param parallelNanos   time of the parallel run.
     * @return their ratio to three significant digits, e.g. {@code 1.84x} or {@code 0.0123x}.
     */
    static String speedup(final long sequentialNanos, final long parallelNanos)
    {
        final double ratio = (double)sequentialNanos / Math.max(1, parallelNanos);
        return new BigDecimal(ratio).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "x";
    }

    /**
     * @param nanos a short duration.
     * @return microseconds with one decimal, e.g. {@code 85.2 us}.
     */
    static String micros(final double nanos)
    {
        return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
    }
}

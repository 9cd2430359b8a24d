package dev.shmem.bench.runner;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A target of issue 6, or an informational comparison, evaluated on the results of one run: ratios are taken
 * between scenarios measured side by side, never against figures from another run.
 */
public interface Target
{
    /**
     * @return e.g. {@code "atomic / raw >= 0.9"}.
     */
    String description();

    /**
     * @param results the run's results by scenario name.
     * @return the verdict; {@link Verdict.State#NOT_RUN} if a scenario it needs did not measure.
     */
    Verdict evaluate(Map<String, ScenarioResult> results);

    /**
     * @param subject  scenario measured.
     * @param baseline scenario compared with.
     * @param minimum  smallest acceptable {@code subject / baseline} ops/s ratio.
     * @return the target.
     */
    static Target ratioAtLeast(final String subject, final String baseline, final double minimum)
    {
        return new RatioTarget(subject, baseline, minimum);
    }

    /**
     * @param subject  scenario measured.
     * @param baseline scenario compared with.
     * @return an informational comparison of their ops/s, with no target.
     */
    static Target ratio(final String subject, final String baseline)
    {
        return new RatioTarget(subject, baseline, Double.NaN);
    }

    /**
     * @param subject    scenario measured (it must record latency).
     * @param percentile e.g. 50.0.
     * @param maximum    largest acceptable latency at that percentile.
     * @return the target.
     */
    static Target latencyAtMost(final String subject, final double percentile, final Duration maximum)
    {
        final String text = String.format(Locale.ROOT, "%s p%s <= %s us", subject, trim(percentile),
            trim(maximum.toNanos() / 1000.0));
        return new Target()
        {
            @Override
            public String description()
            {
                return text;
            }

            @Override
            public Verdict evaluate(final Map<String, ScenarioResult> results)
            {
                final ScenarioResult result = results.get(subject);
                if (result == null || !result.isOk() || result.latency().isEmpty())
                {
                    return Verdict.notRun(text);
                }
                final Histogram latency = result.latency().get();
                final double micros = latency.getValueAtPercentile(percentile) / 1000.0;
                return Verdict.of(text, micros, String.format(Locale.ROOT, "%.2f us", micros),
                    micros <= maximum.toNanos() / 1000.0);
            }
        };
    }

    /**
     * @param subject scenario measured.
     * @param metric  one of its metrics.
     * @param maximum largest acceptable value.
     * @return the target.
     */
    static Target metricAtMost(final String subject, final String metric, final double maximum)
    {
        final String text = subject + " " + metric + " <= " + trim(maximum);
        return new Target()
        {
            @Override
            public String description()
            {
                return text;
            }

            @Override
            public Verdict evaluate(final Map<String, ScenarioResult> results)
            {
                final ScenarioResult result = results.get(subject);
                if (result == null || !result.isOk() || !result.metrics().containsKey(metric))
                {
                    return Verdict.notRun(text);
                }
                final double value = result.metrics().get(metric);
                return Verdict.of(text, value, String.format(Locale.ROOT, "%.3g", value), value <= maximum);
            }
        };
    }

    private static String trim(final double value)
    {
        return value == Math.rint(value) ? Long.toString((long)value) : Double.toString(value);
    }

    /**
     * The ops/s ratio of two scenarios, with or without a minimum.
     */
    final class RatioTarget implements Target
    {
        private final String subject;
        private final String baseline;
        private final double minimum;

        RatioTarget(final String subject, final String baseline, final double minimum)
        {
            this.subject = subject;
            this.baseline = baseline;
            this.minimum = minimum;
        }

        @Override
        public String description()
        {
            return subject + " / " + baseline + (Double.isNaN(minimum) ? "" : " >= " + trim(minimum));
        }

        @Override
        public Verdict evaluate(final Map<String, ScenarioResult> results)
        {
            final ScenarioResult top = results.get(subject);
            final ScenarioResult bottom = results.get(baseline);
            if (top == null || bottom == null || !top.isOk() || !bottom.isOk())
            {
                return Verdict.notRun(description());
            }
            final double ratio = top.opsPerSecond() / bottom.opsPerSecond();
            final String text = formatRatio(ratio);
            return Double.isNaN(minimum) ? Verdict.info(description(), ratio, text) :
                Verdict.of(description(), ratio, text, ratio >= minimum);
        }

        /**
         * @param ratio a ratio.
         * @return it with 3 significant digits and an {@code x}.
         */
        public static String formatRatio(final double ratio)
        {
            return String.format(Locale.ROOT, ratio >= 100 ? "%.0fx" : ratio >= 10 ? "%.1fx" : "%.3gx", ratio);
        }
    }

    /**
     * The evaluation of one target.
     *
     * @param description the target.
     * @param value       the measured value (NaN if not run).
     * @param valueText   the value as shown in the table.
     * @param state       met, missed, informational or not run.
     */
    record Verdict(String description, double value, String valueText, State state)
    {
        /** Verdict states. */
        public enum State
        {
            MET, MISSED, INFO, NOT_RUN
        }

        static Verdict of(final String description, final double value, final String text, final boolean met)
        {
            return new Verdict(description, value, text, met ? State.MET : State.MISSED);
        }

        static Verdict info(final String description, final double value, final String text)
        {
            return new Verdict(description, value, text, State.INFO);
        }

        static Verdict notRun(final String description)
        {
            return new Verdict(description, Double.NaN, "-", State.NOT_RUN);
        }
    }
}

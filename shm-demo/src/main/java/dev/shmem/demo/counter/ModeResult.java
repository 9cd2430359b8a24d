package dev.shmem.demo.counter;

/**
 * The outcome of one mode of a race.
 *
 * @param mode         the mode's name.
 * @param description  what the mode does.
 * @param expected     increments all children made together.
 * @param finalValue   the count they reached.
 * @param elapsedNanos wall time from the start signal until every child had finished, as seen by the parent.
 */
public record ModeResult(String mode, String description, long expected, long finalValue, long elapsedNanos)
{
    /**
     * @return increments that did not make it into the count ({@code expected - final}).
     */
    public long lost()
    {
        return expected - finalValue;
    }

    /**
     * @return lost increments as a percentage of the expected count.
     */
    public double lostPercent()
    {
        return expected == 0 ? 0 : 100.0 * lost() / expected;
    }

    /**
     * @return increments attempted per second, by all children together.
     */
    public double opsPerSecond()
    {
        return elapsedNanos <= 0 ? Double.NaN : expected * 1e9 / elapsedNanos;
    }
}

package dev.shmem.bench.runner;

import picocli.CommandLine;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 1m} or ISO-8601 ({@code PT2S}) into a {@link Duration}.
 */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration>
{
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

    @Override
    public Duration convert(final String value)
    {
        return parse(value);
    }

    /**
     * @param value the text.
     * @return the duration.
     * @throws CommandLine.TypeConversionException naming the value and the accepted forms.
     */
    public static Duration parse(final String value)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        final Matcher matcher = SIMPLE.matcher(text);
        if (matcher.matches())
        {
            final double amount = Double.parseDouble(matcher.group(1));
            final double nanosPerUnit = switch (matcher.group(2))
            {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                default -> 60e9;
            };
            return Duration.ofNanos(Math.round(amount * nanosPerUnit));
        }
        try
        {
            return Duration.parse(value.trim());
        }
        catch (final DateTimeParseException ex)
        {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: expected e.g. " +
                "500ms, 2s, 1.5s, 1m or PT2S");
        }
    }
}

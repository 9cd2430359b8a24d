package dev.shmem.bench.runner;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationConverterTest
{
    @Test
    void parsesShortAndIsoForms()
    {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(2), DurationConverter.parse("2s"));
        assertEquals(Duration.ofMillis(1500), DurationConverter.parse("1.5s"));
        assertEquals(Duration.ofMinutes(1), DurationConverter.parse("1m"));
        assertEquals(Duration.ofSeconds(3), DurationConverter.parse("PT3S"));
    }

    @Test
    void refusesOtherTextNamingIt()
    {
        final CommandLine.TypeConversionException error =
            assertThrows(CommandLine.TypeConversionException.class, () -> DurationConverter.parse("soon"));
        assertTrue(error.getMessage().contains("'soon'"), error.getMessage());
    }
}

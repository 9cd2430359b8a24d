package dev.shmem.demo.text;

import dev.shmem.demo.StrictJson;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonWriterTest
{
    @Test
    void stringsWithEveryKindOfSpecialCharacterRoundTrip()
    {
        final String nasty = "quote \" backslash \\ slash / newline \n tab \t cr \r nul \0 bell \u0007 del \u007f " +
            "line-sep \u2028 accents é 日本 emoji \uD83D\uDE00 path C:\\tmp\\x";
        final String json = new JsonWriter().beginObject().name(nasty).value(nasty).endObject().toString();
        final Map<String, Object> parsed = StrictJson.parseObject(json);
        assertEquals(Map.of(nasty, nasty), parsed);
        assertTrue(json.contains("\\u0000") && json.contains("\\u0007") && json.contains("\\u2028"), json);
    }

    @Test
    void numbersNestingAndNonFiniteDoubles()
    {
        final String json = new JsonWriter().beginObject()
            .name("long").value(Long.MIN_VALUE)
            .name("double").value(69.14)
            .name("nan").value(Double.NaN)
            .name("inf").value(Double.POSITIVE_INFINITY)
            .name("nullString").value((String)null)
            .name("flag").value(false)
            .name("list").beginArray().value(1).beginObject().endObject().beginArray().endArray().value("x").endArray()
            .endObject().toString();
        final Map<String, Object> parsed = StrictJson.parseObject(json);
        assertEquals(new BigDecimal(Long.MIN_VALUE), parsed.get("long"));
        assertEquals(new BigDecimal("69.14"), parsed.get("double"));
        assertEquals(StrictJson.NULL, parsed.get("nan"));
        assertEquals(StrictJson.NULL, parsed.get("inf"));
        assertEquals(StrictJson.NULL, parsed.get("nullString"));
        assertEquals(Boolean.FALSE, parsed.get("flag"));
        assertEquals(List.of(BigDecimal.ONE, Map.of(), List.of(), "x"), parsed.get("list"));
    }

    @Test
    void misuseIsRefusedInsteadOfWritingBrokenJson()
    {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").endObject());
    }

    @Test
    void theStrictParserRejectsWhatJsonForbids()
    {
        for (final String bad : List.of("{\"a\":1,}", "[1,]", "01", "{'a':1}", "\"tab\there\"", "NaN", "{\"a\":1}x",
            "{\"a\":1,\"a\":2}", "\"\\x\"", "[1 2]", ""))
        {
            assertThrows(IllegalArgumentException.class, () -> StrictJson.parse(bad), bad);
        }
    }
}

package dev.shmem.demo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses the demos' JSON output with Jackson, strictly: one RFC 8259 value and nothing after it, no duplicate
 * names, no NaN or infinity, so a test fails on anything a strict reader would refuse.
 */
public final class StrictJson
{
    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    private StrictJson()
    {
    }

    /**
     * @param text JSON text.
     * @return its tree.
     * @throws AssertionError if it is not one well-formed JSON value.
     */
    public static JsonNode parse(final String text)
    {
        try
        {
            return MAPPER.readTree(text);
        }
        catch (final JsonProcessingException ex)
        {
            throw new AssertionError("not well-formed JSON: " + ex.getOriginalMessage() + "\n" + text, ex);
        }
    }
}

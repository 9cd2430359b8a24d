package dev.shmem.bench.runner;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads a benchmark's JSON report with Jackson, strictly (one value, nothing after it, no duplicate names, no NaN),
 * so a report a strict reader would refuse fails the test.
 */
public final class ReportJson
{
    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    private ReportJson()
    {
    }

    /**
     * @param file a report.
     * @return its tree.
     * @throws IOException if it cannot be read or is not well-formed JSON.
     */
    public static JsonNode read(final Path file) throws IOException
    {
        return MAPPER.readTree(file.toFile());
    }

    /**
     * @param array a JSON array.
     * @return its elements.
     */
    public static List<JsonNode> elements(final JsonNode array)
    {
        assertTrue(array.isArray(), array::toString);
        final List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    /**
     * @param array an array of objects.
     * @param field a text field of theirs.
     * @param value its value.
     * @return the first object whose field has that value.
     */
    public static Optional<JsonNode> find(final JsonNode array, final String field, final String value)
    {
        return elements(array).stream().filter(node -> value.equals(node.path(field).textValue())).findFirst();
    }
}

package dev.shmem.bench.runner;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collection;

/**
 * The benchmarks' JSON reports are Jackson trees ({@link ObjectNode}, whose {@code toString()} is compact JSON).
 * What Jackson does not do for us: JSON has no NaN or infinity, and a figure that was not measured is NaN here,
 * so such figures are written as {@code null}.
 */
public final class Json
{
    private Json()
    {
    }

    /**
     * @return a new, empty object.
     */
    public static ObjectNode object()
    {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * @param node  the object.
     * @param name  the field.
     * @param value a figure; not finite is written as {@code null}.
     * @return the object.
     */
    public static ObjectNode put(final ObjectNode node, final String name, final double value)
    {
        return Double.isFinite(value) ? node.put(name, value) : node.putNull(name);
    }

    /**
     * @param node   the object.
     * @param name   the field.
     * @param values figures; those not finite are written as {@code null}.
     * @return the new array.
     */
    public static ArrayNode putNumbers(final ObjectNode node, final String name, final Collection<Double> values)
    {
        final ArrayNode array = node.putArray(name);
        for (final double value : values)
        {
            if (Double.isFinite(value))
            {
                array.add(value);
            }
            else
            {
                array.addNull();
            }
        }
        return array;
    }
}

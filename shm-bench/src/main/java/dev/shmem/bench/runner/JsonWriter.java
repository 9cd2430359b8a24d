package dev.shmem.bench.runner;

import java.util.Locale;

/**
 * A minimal streaming JSON writer for the runner's report (objects, arrays, strings, numbers, booleans);
 * non-finite numbers are written as {@code null}. Callers nest {@code begin}/{@code end} correctly.
 */
public final class JsonWriter
{
    private final StringBuilder out = new StringBuilder();
    private boolean needsComma;

    public JsonWriter beginObject()
    {
        separate();
        out.append('{');
        needsComma = false;
        return this;
    }

    public JsonWriter endObject()
    {
        out.append('}');
        needsComma = true;
        return this;
    }

    public JsonWriter beginArray()
    {
        separate();
        out.append('[');
        needsComma = false;
        return this;
    }

    public JsonWriter endArray()
    {
        out.append(']');
        needsComma = true;
        return this;
    }

    public JsonWriter name(final String name)
    {
        separate();
        string(name);
        out.append(':');
        needsComma = false;
        return this;
    }

    public JsonWriter value(final String value)
    {
        separate();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        needsComma = true;
        return this;
    }

    public JsonWriter value(final double value)
    {
        separate();
        if (Double.isFinite(value))
        {
            out.append(value == Math.rint(value) && Math.abs(value) < 1e15 ?
                Long.toString((long)value) : Double.toString(value));
        }
        else
        {
            out.append("null");
        }
        needsComma = true;
        return this;
    }

    public JsonWriter value(final boolean value)
    {
        separate();
        out.append(value);
        needsComma = true;
        return this;
    }

    public JsonWriter field(final String name, final String value)
    {
        return name(name).value(value);
    }

    public JsonWriter field(final String name, final double value)
    {
        return name(name).value(value);
    }

    @Override
    public String toString()
    {
        return out.toString();
    }

    private void separate()
    {
        if (needsComma)
        {
            out.append(',');
        }
    }

    private void string(final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

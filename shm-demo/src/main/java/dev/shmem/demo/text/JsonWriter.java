package dev.shmem.demo.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A minimal streaming JSON writer (RFC 8259) for the demos' {@code --json} output, so the main code needs no JSON
 * library. Strings are escaped ({@code "}, {@code \}, every control character, and U+2028/U+2029 for the benefit
 * of JavaScript readers); non-finite doubles, which JSON cannot represent, are written as {@code null}.
 *
 * <pre>{@code
 * String json = new JsonWriter().beginObject().name("mode").value("plain").name("lost").value(12).endObject().toString();
 * }</pre>
 *
 * <h2>Failure modes</h2>
 * A call that would produce malformed JSON (a value where a name is expected, an unbalanced end, a second root)
 * throws {@link IllegalStateException} naming what was expected. Not thread-safe.
 */
public final class JsonWriter
{
    private enum Scope
    {
        OBJECT_NAME, OBJECT_VALUE, ARRAY
    }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean rootWritten;

    /**
     * @return this writer, inside a new object.
     */
    public JsonWriter beginObject()
    {
        beforeValue();
        out.append('{');
        scopes.push(Scope.OBJECT_NAME);
        empty.push(Boolean.TRUE);
        return this;
    }

    /**
     * @return this writer, after the object.
     */
    public JsonWriter endObject()
    {
        if (scopes.peek() != Scope.OBJECT_NAME)
        {
            throw new IllegalStateException("endObject() outside an object or after a name; scope " + scopes.peek());
        }
        scopes.pop();
        empty.pop();
        out.append('}');
        return this;
    }

    /**
     * @return this writer, inside a new array.
     */
    public JsonWriter beginArray()
    {
        beforeValue();
        out.append('[');
        scopes.push(Scope.ARRAY);
        empty.push(Boolean.TRUE);
        return this;
    }

    /**
     * @return this writer, after the array.
     */
    public JsonWriter endArray()
    {
        if (scopes.peek() != Scope.ARRAY)
        {
            throw new IllegalStateException("endArray() outside an array; scope " + scopes.peek());
        }
        scopes.pop();
        empty.pop();
        out.append(']');
        return this;
    }

    /**
     * @param name member name of the next value.
     * @return this writer.
     */
    public JsonWriter name(final String name)
    {
        if (scopes.peek() != Scope.OBJECT_NAME)
        {
            throw new IllegalStateException("name(\"" + name + "\") outside an object or after another name");
        }
        comma();
        string(name);
        out.append(':');
        scopes.pop();
        scopes.push(Scope.OBJECT_VALUE);
        return this;
    }

    /**
     * @param value a string, or null.
     * @return this writer.
     */
    public JsonWriter value(final String value)
    {
        beforeValue();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    /**
     * @param value a whole number.
     * @return this writer.
     */
    public JsonWriter value(final long value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * @param value a number; NaN and infinities are written as {@code null}.
     * @return this writer.
     */
    public JsonWriter value(final double value)
    {
        beforeValue();
        if (Double.isFinite(value))
        {
            out.append(value);
        }
        else
        {
            out.append("null");
        }
        return this;
    }

    /**
     * @param value a boolean.
     * @return this writer.
     */
    public JsonWriter value(final boolean value)
    {
        beforeValue();
        out.append(value);
        return this;
    }

    /**
     * @return the document.
     * @throws IllegalStateException if an object or array is still open or nothing was written.
     */
    @Override
    public String toString()
    {
        if (!scopes.isEmpty() || !rootWritten)
        {
            throw new IllegalStateException("JSON document is incomplete: " + scopes.size() + " open scope(s)");
        }
        return out.toString();
    }

    /**
     * @param text any string.
     * @return it as a JSON string literal, quotes included.
     */
    public static String quote(final String text)
    {
        final JsonWriter writer = new JsonWriter();
        writer.string(text);
        return writer.out.toString();
    }

    private void beforeValue()
    {
        final Scope scope = scopes.peek();
        if (scope == null)
        {
            if (rootWritten)
            {
                throw new IllegalStateException("a JSON document has one root value");
            }
            rootWritten = true;
            return;
        }
        if (scope == Scope.OBJECT_NAME)
        {
            throw new IllegalStateException("a value inside an object needs a name() first");
        }
        if (scope == Scope.OBJECT_VALUE)
        {
            scopes.pop();
            scopes.push(Scope.OBJECT_NAME);
            return;
        }
        comma();
    }

    private void comma()
    {
        if (empty.peek() == Boolean.TRUE)
        {
            empty.pop();
            empty.push(Boolean.FALSE);
        }
        else
        {
            out.append(',');
        }
    }

    private void string(final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                case '\b':
                    out.append("\\b");
                    break;
                case '\f':
                    out.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029')
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}

package dev.shmem.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict RFC 8259 JSON parser for tests: it rejects everything the grammar does not allow (trailing
 * commas, leading zeros, unescaped control characters, bad escapes, single quotes, NaN, duplicate member names,
 * content after the root value). Objects become {@code Map<String, Object>} (insertion order), arrays
 * {@code List<Object>}, numbers {@link BigDecimal}, {@code null} becomes {@link #NULL}.
 */
public final class StrictJson
{
    /** The JSON {@code null}. */
    public static final Object NULL = new Object()
    {
        @Override
        public String toString()
        {
            return "null";
        }
    };

    private final String text;
    private int at;

    private StrictJson(final String text)
    {
        this.text = text;
    }

    /**
     * @param text a JSON document.
     * @return its root value.
     * @throws IllegalArgumentException at the first character that breaks the grammar, with its offset.
     */
    public static Object parse(final String text)
    {
        final StrictJson parser = new StrictJson(text);
        parser.whitespace();
        final Object value = parser.value();
        parser.whitespace();
        if (parser.at != text.length())
        {
            throw parser.error("content after the root value");
        }
        return value;
    }

    /**
     * @param text a JSON document whose root is an object.
     * @return the object.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(final String text)
    {
        final Object value = parse(text);
        if (!(value instanceof Map))
        {
            throw new IllegalArgumentException("root is not an object: " + value);
        }
        return (Map<String, Object>)value;
    }

    private Object value()
    {
        if (at >= text.length())
        {
            throw error("unexpected end, expected a value");
        }
        final char c = text.charAt(at);
        switch (c)
        {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", NULL);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return number();
                }
                throw error("unexpected character '" + c + "', expected a value");
        }
    }

    private Map<String, Object> object()
    {
        final Map<String, Object> members = new LinkedHashMap<>();
        expect('{');
        whitespace();
        if (peek() == '}')
        {
            at++;
            return members;
        }
        while (true)
        {
            whitespace();
            if (peek() != '"')
            {
                throw error("expected a member name");
            }
            final String name = string();
            whitespace();
            expect(':');
            whitespace();
            final Object value = value();
            if (members.containsKey(name))
            {
                throw error("duplicate member name \"" + name + "\"");
            }
            members.put(name, value);
            whitespace();
            final char c = next();
            if (c == '}')
            {
                return members;
            }
            if (c != ',')
            {
                throw error("expected ',' or '}' in an object, found '" + c + "'");
            }
        }
    }

    private List<Object> array()
    {
        final List<Object> elements = new ArrayList<>();
        expect('[');
        whitespace();
        if (peek() == ']')
        {
            at++;
            return elements;
        }
        while (true)
        {
            whitespace();
            elements.add(value());
            whitespace();
            final char c = next();
            if (c == ']')
            {
                return elements;
            }
            if (c != ',')
            {
                throw error("expected ',' or ']' in an array, found '" + c + "'");
            }
        }
    }

    private String string()
    {
        expect('"');
        final StringBuilder out = new StringBuilder();
        while (true)
        {
            final char c = next();
            if (c == '"')
            {
                return out.toString();
            }
            if (c < 0x20)
            {
                throw error("unescaped control character 0x" + Integer.toHexString(c) + " in a string");
            }
            if (c != '\\')
            {
                out.append(c);
                continue;
            }
            final char e = next();
            switch (e)
            {
                case '"':
                case '\\':
                case '/':
                    out.append(e);
                    break;
                case 'b':
                    out.append('\b');
                    break;
                case 'f':
                    out.append('\f');
                    break;
                case 'n':
                    out.append('\n');
                    break;
                case 'r':
                    out.append('\r');
                    break;
                case 't':
                    out.append('\t');
                    break;
                case 'u':
                    if (at + 4 > text.length())
                    {
                        throw error("truncated \\u escape");
                    }
                    final String hex = text.substring(at, at + 4);
                    if (!hex.matches("[0-9a-fA-F]{4}"))
                    {
                        throw error("bad \\u escape \\u" + hex);
                    }
                    out.append((char)Integer.parseInt(hex, 16));
                    at += 4;
                    break;
                default:
                    throw error("bad escape \\" + e);
            }
        }
    }

    private BigDecimal number()
    {
        final int start = at;
        if (peek() == '-')
        {
            at++;
        }
        if (peek() == '0')
        {
            at++;
            if (isDigit(peek()))
            {
                throw error("leading zero in a number");
            }
        }
        else
        {
            digits();
        }
        if (peek() == '.')
        {
            at++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E')
        {
            at++;
            if (peek() == '+' || peek() == '-')
            {
                at++;
            }
            digits();
        }
        return new BigDecimal(text.substring(start, at));
    }

    private void digits()
    {
        if (!isDigit(peek()))
        {
            throw error("expected a digit");
        }
        while (isDigit(peek()))
        {
            at++;
        }
    }

    private Object literal(final String word, final Object value)
    {
        if (!text.startsWith(word, at))
        {
            throw error("expected " + word);
        }
        at += word.length();
        return value;
    }

    private void whitespace()
    {
        while (at < text.length())
        {
            final char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            {
                return;
            }
            at++;
        }
    }

    private void expect(final char expected)
    {
        final char c = next();
        if (c != expected)
        {
            at--;
            throw error("expected '" + expected + "', found '" + c + "'");
        }
    }

    private char next()
    {
        if (at >= text.length())
        {
            throw error("unexpected end of input");
        }
        return text.charAt(at++);
    }

    private char peek()
    {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }

    private IllegalArgumentException error(final String message)
    {
        final int from = Math.max(0, at - 20);
        final int to = Math.min(text.length(), at + 20);
        return new IllegalArgumentException("invalid JSON at offset " + at + ": " + message + " near '" +
            text.substring(from, to) + "'");
    }
}

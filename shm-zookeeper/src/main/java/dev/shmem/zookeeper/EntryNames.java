package dev.shmem.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Entry names as znode names: a shm name (1 to 127 UTF-8 bytes of printable characters) is checked as
 * {@code SharedRegion} checks it and stored as {@code "_"} plus its URL-safe Base64 form, so that {@code /},
 * {@code .} and every other character are safe in a path.
 */
final class EntryNames
{
    static final int MAX_NAME_BYTES = 127;

    private EntryNames()
    {
    }

    /**
     * @param name a shm entry name.
     * @return its znode name.
     * @throws IllegalArgumentException naming the value and what was expected.
     */
    static String znode(final String name)
    {
        if (name == null)
        {
            throw new IllegalArgumentException("entry name is null: expected 1 to " + MAX_NAME_BYTES +
                " UTF-8 bytes of printable characters");
        }
        for (int i = 0; i < name.length(); )
        {
            final int cp = name.codePointAt(i);
            if (!isPrintable(cp))
            {
                throw new IllegalArgumentException("entry name " + quote(name) + " has a non-printable character " +
                    String.format("U+%04X", cp) + " at index " + i + ": expected printable characters only");
            }
            i += Character.charCount(cp);
        }
        final byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 1 || bytes.length > MAX_NAME_BYTES)
        {
            throw new IllegalArgumentException("entry name " + quote(name) + " is " + bytes.length +
                " UTF-8 bytes long: expected 1 to " + MAX_NAME_BYTES);
        }
        return "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String quote(final String name)
    {
        final StringBuilder sb = new StringBuilder(name.length() + 2).append('\'');
        name.codePoints().forEach(cp ->
        {
            if (isPrintable(cp))
            {
                sb.appendCodePoint(cp);
            }
            else
            {
                sb.append(String.format("\\u%04X", cp));
            }
        });
        return sb.append('\'').toString();
    }

    private static boolean isPrintable(final int cp)
    {
        if (Character.isISOControl(cp))
        {
            return false;
        }
        switch (Character.getType(cp))
        {
            case Character.UNASSIGNED:
            case Character.SURROGATE:
            case Character.FORMAT:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.PRIVATE_USE:
                return false;
            default:
                return true;
        }
    }
}

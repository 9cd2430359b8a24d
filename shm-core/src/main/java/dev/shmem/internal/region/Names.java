package dev.shmem.internal.region;

import java.nio.charset.StandardCharsets;

/**
 * Validation and hashing of entry names: 1 to 127 UTF-8 bytes of printable characters.
 */
public final class Names
{
    private Names()
    {
    }

    /**
     * Checks a name and returns its UTF-8 bytes.
     *
     * @param name the entry name.
     * @return its UTF-8 encoding.
     * @throws IllegalArgumentException naming the value and what was expected.
     */
    public static byte[] encode(final String name)
    {
        if (name == null)
        {
            throw new IllegalArgumentException("entry name is null: expected 1 to " +
                DirectoryDescriptor.MAX_NAME_LENGTH + " UTF-8 bytes of printable characters");
        }
        final byte[] ascii = printableAscii(name);
        if (ascii != null)
        {
            return ascii;
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
        if (bytes.length < 1 || bytes.length > DirectoryDescriptor.MAX_NAME_LENGTH)
        {
            throw new IllegalArgumentException("entry name " + quote(name) + " is " + bytes.length +
                " UTF-8 bytes long: expected 1 to " + DirectoryDescriptor.MAX_NAME_LENGTH);
        }
        return bytes;
    }

    /**
     * The common case without a {@code Character.getType} per character: a short name of printable ASCII.
     *
     * @return its bytes, or null if it is not 1 to 127 printable ASCII characters.
     */
    private static byte[] printableAscii(final String name)
    {
        final int length = name.length();
        if (length < 1 || length > DirectoryDescriptor.MAX_NAME_LENGTH)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            final char c = name.charAt(i);
            if (c < 0x20 || c >= 0x7F)
            {
                return null;
            }
            bytes[i] = (byte)c;
        }
        return bytes;
    }

    /**
     * @param bytes UTF-8 name bytes.
     * @return the FNV-1a hash of the bytes.
     */
    public static int hash(final byte[] bytes)
    {
        int h = 0x811C9DC5;
        for (final byte b : bytes)
        {
            h ^= b & 0xFF;
            h *= 0x01000193;
        }
        return h;
    }

    /**
     * @param name a name, possibly with odd characters.
     * @return the name quoted with control characters escaped, safe to put in a message.
     */
    public static String quote(final String name)
    {
        final StringBuilder sb = new StringBuilder(name.length() + 2).append('\'');
        for (int i = 0; i < name.length(); )
        {
            final int cp = name.codePointAt(i);
            if (isPrintable(cp))
            {
                sb.appendCodePoint(cp);
            }
            else
            {
                sb.append(String.format("\\u%04X", cp));
            }
            i += Character.charCount(cp);
        }
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

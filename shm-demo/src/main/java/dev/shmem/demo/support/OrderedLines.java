package dev.shmem.demo.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts the lines several children print back into the order their events happened. A child tags a line with a
 * number from a counter shared by all the children ({@link #tag}: 1, 2, 3... across every child); the group prints
 * a tagged line only once every lower number has been printed, so the output reads in event order even though
 * each child's log is read separately. Untagged lines go through at once. Not thread-safe.
 *
 * <h2>Failure modes</h2>
 * A number that never arrives (its child died between counting and printing) holds the later lines back until
 * {@link #flush}, which prints them in order.
 */
public final class OrderedLines
{
    private static final Pattern TAGGED = Pattern.compile("^#(\\d{1,18}) (.*)$");

    private final Consumer<String> out;
    private final Map<Long, String> waiting = new TreeMap<>();
    private long next = 1;

    /**
     * @param out where the lines go, in order.
     */
    OrderedLines(final Consumer<String> out)
    {
        this.out = out;
    }

    /**
     * @param sequence the event's number from the counter the children share, starting at 1.
     * @param text     the line.
     * @return the line as the child prints it.
     */
    public static String tag(final long sequence, final String text)
    {
        return "#" + sequence + " " + text;
    }

    /**
     * @param line a line a child printed.
     */
    void accept(final String line)
    {
        final Matcher tagged = TAGGED.matcher(line);
        if (!tagged.matches())
        {
            out.accept(line);
            return;
        }
        waiting.put(Long.parseLong(tagged.group(1)), tagged.group(2));
        String ready;
        while ((ready = waiting.remove(next)) != null)
        {
            out.accept(ready);
            next++;
        }
    }

    /**
     * Prints the lines still held back, in order (the children have exited).
     */
    void flush()
    {
        waiting.values().forEach(out);
        waiting.clear();
    }
}

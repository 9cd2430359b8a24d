package dev.shmem.demo.dict;

import dev.shmem.SharedMap;
import dev.shmem.SharedRegion;
import dev.shmem.demo.support.Faults;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One counter of the word count, as the main class of a child JVM: {@code WordCounter REGION TEXT INDEX COUNT}
 * counts the words of lines {@code INDEX, INDEX + COUNT, ...} of the text into the shared map with
 * {@code merge(word, 1, Long::sum)}.
 */
public final class WordCounter
{
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}\\p{N}']+");

    private WordCounter()
    {
    }

    /**
     * @param args region, text file, this counter's index, number of counters.
     * @throws Exception if the region or the text cannot be read.
     */
    public static void main(final String[] args) throws Exception
    {
        try (SharedRegion region = SharedRegion.open(Path.of(args[0])))
        {
            final SharedMap<String, Long> words = region.map(ManagerDictCommand.WORDS, String.class, Long.class,
                ManagerDictCommand.MAX_WORDS, ManagerDictCommand.MAX_ENTRY_BYTES);
            final List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
            final int index = Integer.parseInt(args[2]);
            final int count = Integer.parseInt(args[3]);
            Faults.failIfRequested("before counting");
            for (int i = index; i < lines.size(); i += count)
            {
                forEachWord(lines.get(i), word -> words.merge(word, 1L, Long::sum));
            }
        }
    }

    /**
     * @param lines a text.
     * @return its word counts, counted in this JVM alone.
     */
    static Map<String, Long> count(final List<String> lines)
    {
        final Map<String, Long> counts = new HashMap<>();
        for (final String line : lines)
        {
            forEachWord(line, word -> counts.merge(word, 1L, Long::sum));
        }
        return counts;
    }

    private static void forEachWord(final String line, final java.util.function.Consumer<String> action)
    {
        for (final String word : NOT_A_LETTER.split(line.toLowerCase(Locale.ROOT)))
        {
            if (!word.isEmpty() && word.getBytes(StandardCharsets.UTF_8).length <= 48)
            {
                action.accept(word);
            }
        }
    }
}

package dev.shmem.demo.dict;

import dev.shmem.SharedMap;
import dev.shmem.demo.DemoException;
import dev.shmem.demo.Main;
import dev.shmem.demo.support.ChildGroup;
import dev.shmem.demo.support.ChildOptions;
import dev.shmem.demo.support.ScratchRegion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code manager-dict}: the article's {@code Manager().dict()} example, then a word count. First {@code -w} child
 * JVMs each set {@code d["k" + i] = i * i} in one {@link SharedMap} and the parent prints the dict; then {@code -p}
 * child JVMs count the words of a text (each a share of its lines) with {@code merge(word, 1, Long::sum)} into one
 * shared map, and the parent prints the most frequent words and checks the total against its own count.
 */
@Command(
    name = "manager-dict",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "The article's Manager().dict() example on a SharedMap, then a word count by several JVMs with merge.",
        "Worker JVMs each set d[f\"k{i}\"] = i*i; the parent prints the dict. Then counter JVMs merge the " +
            "words of a text into a shared map; the parent prints the top words and checks the total."
    },
    footer = { "", "Exit status: 0 success, 1 a child failed or the counts differ, 2 bad usage." })
public final class ManagerDictCommand implements Callable<Integer>
{
    static final String DICT = "d";
    static final String WORDS = "words";
    static final int MAX_WORDS = 65_536;
    static final int MAX_ENTRY_BYTES = 64;

    @Spec
    CommandSpec spec;

    @Option(names = { "-w", "--workers" }, paramLabel = "N", defaultValue = "5",
        description = "Worker JVMs that each set one key of the dict, 1 to 32 (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = { "-p", "--counters" }, paramLabel = "N", defaultValue = "4",
        description = "JVMs that count words together, 1 to 32 (default ${DEFAULT-VALUE}).")
    int counters;

    @Option(names = "--text", paramLabel = "FILE",
        description = "UTF-8 text to count the words of (default: a built-in text).")
    Path text;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10",
        description = "How many of the most frequent words to print (default ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    ChildOptions children;

    @Override
    public Integer call() throws IOException, InterruptedException
    {
        if (workers < 1 || workers > 32 || counters < 1 || counters > 32)
        {
            throw new DemoException(Main.EXIT_USAGE, "--workers " + workers + " and --counters " + counters +
                " must be 1 to 32");
        }
        if (top < 0)
        {
            throw new DemoException(Main.EXIT_USAGE, "--top " + top + " is negative");
        }
        final List<String> roles = new ArrayList<>();
        for (int i = 0; i < Math.max(workers, counters); i++)
        {
            roles.add("w" + i);
            roles.add("c" + i);
        }
        children.check(roles);
        final PrintWriter out = spec.commandLine().getOut();
        try (ScratchRegion scratch = ScratchRegion.create("manager-dict", 16 << 20))
        {
            final String region = scratch.path().toString();
            final SharedMap<String, Long> d =
                scratch.region().map(DICT, String.class, Long.class, 1024, MAX_ENTRY_BYTES);
            try (ChildGroup group = new ChildGroup(out, children))
            {
                for (int i = 0; i < workers; i++)
                {
                    group.start("w" + i, DictWorker.class, region, "k" + i, Long.toString((long)i * i));
                }
                group.awaitAll();
            }
            out.println("Shared dict: " + pythonDict(new TreeMap<>(d)));

            final Path textFile = textFile(scratch.path());
            final SharedMap<String, Long> words =
                scratch.region().map(WORDS, String.class, Long.class, MAX_WORDS, MAX_ENTRY_BYTES);
            final long start = System.nanoTime();
            try (ChildGroup group = new ChildGroup(out, children))
            {
                for (int i = 0; i < counters; i++)
                {
                    group.start("c" + i, WordCounter.class, region, textFile.toString(), Integer.toString(i),
                        Integer.toString(counters));
                }
                group.awaitAll();
            }
            final long millis = (System.nanoTime() - start) / 1_000_000;
            return report(out, words, textFile, millis);
        }
    }

    private int report(final PrintWriter out, final SharedMap<String, Long> words, final Path textFile,
        final long millis) throws IOException
    {
        final Map<String, Long> expected = WordCounter.count(Files.readAllLines(textFile, StandardCharsets.UTF_8));
        final long total = words.values().stream().mapToLong(Long::longValue).sum();
        out.printf("Word count by %d JVMs with merge: %d words, %d distinct, %d ms (incl. JVM start)%n", counters,
            total, words.size(), millis);
        final String topWords = words.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(top)
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
        out.println("Top " + top + ": " + topWords);
        final boolean same = expected.equals(Map.copyOf(words));
        out.println("Same as one JVM counting alone: " + (same ? "yes" : "NO"));
        out.flush();
        return same ? 0 : Main.EXIT_FAILURE;
    }

    private Path textFile(final Path regionPath) throws IOException
    {
        if (text != null)
        {
            if (!Files.isRegularFile(text))
            {
                throw new DemoException(Main.EXIT_USAGE, "--text " + text + " is not a file");
            }
            return text;
        }
        final Path file = Path.of(regionPath + ".txt");
        try (InputStream in = ManagerDictCommand.class.getResourceAsStream("text.txt"))
        {
            if (in == null)
            {
                throw new IOException("built-in text missing from the jar");
            }
            Files.copy(in, file);
        }
        file.toFile().deleteOnExit();
        return file;
    }

    /**
     * @param map a map of strings to numbers.
     * @return it as Python prints a dict: {@code {'k0': 0, 'k1': 1}}.
     */
    static String pythonDict(final Map<String, Long> map)
    {
        return map.entrySet().stream()
            .sorted(Comparator.comparing(Map.Entry::getKey))
            .map(e -> "'" + e.getKey() + "': " + e.getValue())
            .collect(Collectors.joining(", ", "{", "}"));
    }
}

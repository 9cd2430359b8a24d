package dev.shmem.bench.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws the benchmark tables as PNG bar charts (XChart, log scale) from the JSON the benchmarks write: the
 * cross-process runner's ({@code CrossProcessRunner --json}: shm beside Python's {@code multiprocessing},
 * {@code FileChannel.lock} and a raw Agrona {@code getAndAddLong}) and the pool benchmark's ({@code PoolBenchmark
 * --json}: {@code JvmPool} beside {@code multiprocessing.Pool}) and JMH's ({@code -rf json}: shm beside
 * {@code java.util.concurrent} and raw Agrona, by thread count). A scenario missing from the JSON (skipped, failed)
 * is left out of its group.
 *
 * <pre>
 * java -cp shm-bench/target/benchmarks.jar dev.shmem.bench.charts.BenchmarkCharts \
 *     --runner docs/charts/runner.json --pool docs/charts/pool.json --out docs/charts
 * </pre>
 */
@Command(name = "shm-bench-charts", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Draws the benchmark tables as PNG charts (log scale) from the runner's, the pool's and JMH's JSON.")
public final class BenchmarkCharts implements Callable<Integer>
{
    private static final String SHM = "shm";
    private static final String PYTHON = "Python multiprocessing";
    private static final String FILE_LOCK = "FileChannel.lock";
    private static final String AGRONA = "Agrona getAndAddLong (hardware limit)";
    private static final Map<String, Color> COLORS = Map.of(
        SHM, new Color(0x1565C0), PYTHON, new Color(0xF9A825), FILE_LOCK, new Color(0x6D4C41),
        AGRONA, new Color(0x9E9E9E));

    /** Per group of the runner's table, which scenario stands for which implementation. */
    private static final List<Group> RUNNER_GROUPS = List.of(
        new Group("one counter", Map.of(SHM, "atomic", AGRONA, "raw")),
        new Group("counter per process", Map.of(SHM, "sharded")),
        new Group("lock + increment", Map.of(SHM, "locked", PYTHON, "python.value_lock",
            FILE_LOCK, "filelock")),
        new Group("semaphore", Map.of(SHM, "semaphore", PYTHON, "python.semaphore")),
        new Group("queue, 8 B", Map.of(SHM, "queue8", PYTHON, "python.queue8")),
        new Group("queue, 1 KiB", Map.of(SHM, "queue1k", PYTHON, "python.queue1k")));

    /** {@code dev.shmem.bench.jmh.LockBenchmark.sharedLock4}: class, method family, thread count. */
    private static final Pattern JMH_NAME =
        Pattern.compile("(?:.*\\.)?(\\w+Benchmark)\\.([a-zA-Z]+?)_?(\\d+)$");

    /** A bar left out: XChart draws no bar for NaN (null would count as 0, which a log axis refuses). */
    private static final Double NOT_MEASURED = Double.NaN;

    private static final Map<String, String> POOL_FIGURES = new LinkedHashMap<>();

    static
    {
        POOL_FIGURES.put("roundTripsPerSecond", "empty tasks one by one");
        POOL_FIGURES.put("mapTasksPerSecond", "map, default chunks");
        POOL_FIGURES.put("mapChunk1TasksPerSecond", "map, Python chunksize=1");
    }

    @Option(names = "--runner", paramLabel = "FILE", description = "the cross-process runner's JSON")
    private Path runner;

    @Option(names = "--pool", paramLabel = "FILE", description = "the pool benchmark's JSON")
    private Path pool;

    @Option(names = "--jmh", paramLabel = "FILE",
        description = "a JMH result file (-rf json): one chart per benchmark class whose methods end in a thread " +
            "count (sharedLong1, atomicLong4...)")
    private Path jmh;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = ".",
        description = "directory for the PNG files (default: the current directory)")
    private Path out;

    /**
     * @param args command line.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * @param args command line.
     * @return the exit status: 0 drawn, 1 a file could not be read or written, 2 bad usage.
     */
    public static int execute(final String... args)
    {
        return new CommandLine(new BenchmarkCharts()).execute(args);
    }

    @Override
    public Integer call() throws IOException
    {
        if (runner == null && pool == null && jmh == null)
        {
            throw new CommandLine.ParameterException(new CommandLine(this),
                "give at least one of --runner FILE, --pool FILE, --jmh FILE");
        }
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(out);
        final ObjectMapper mapper = new ObjectMapper();
        if (runner != null)
        {
            final Path png = out.resolve("runner.png");
            save(runnerChart(mapper.readTree(runner.toFile())), png);
            System.out.println("wrote " + png);
        }
        if (pool != null)
        {
            final Path png = out.resolve("pool.png");
            save(poolChart(mapper.readTree(pool.toFile())), png);
            System.out.println("wrote " + png);
        }
        if (jmh != null)
        {
            for (final Map.Entry<String, CategoryChart> chart : jmhCharts(mapper.readTree(jmh.toFile())).entrySet())
            {
                final Path png = out.resolve("jmh-" + chart.getKey() + ".png");
                save(chart.getValue(), png);
                System.out.println("wrote " + png);
            }
        }
        return 0;
    }

    /**
     * @param results a JMH result file (an array of benchmark results).
     * @return per benchmark class (simple name), a chart of score by thread count, one series per method family
     *         ({@code sharedLong1}, {@code sharedLong2}... are the series {@code sharedLong}).
     */
    static Map<String, CategoryChart> jmhCharts(final JsonNode results)
    {
        // class -> family -> threads -> score
        final Map<String, Map<String, Map<String, Double>>> scores = new LinkedHashMap<>();
        final Map<String, String> units = new LinkedHashMap<>();
        final SortedSet<String> threads = new TreeSet<>();
        for (final JsonNode result : results)
        {
            final String benchmark = result.path("benchmark").asText();
            final Matcher name = JMH_NAME.matcher(benchmark);
            final JsonNode score = result.path("primaryMetric").path("score");
            if (!name.matches() || !score.isNumber() || score.doubleValue() <= 0)
            {
                continue;
            }
            scores.computeIfAbsent(name.group(1), k -> new LinkedHashMap<>())
                .computeIfAbsent(name.group(2), k -> new LinkedHashMap<>())
                .put(name.group(3), score.doubleValue());
            units.putIfAbsent(name.group(1), result.path("primaryMetric").path("scoreUnit").asText());
            threads.add(name.group(3));
        }
        final Map<String, CategoryChart> charts = new LinkedHashMap<>();
        scores.forEach((benchmarkClass, families) ->
        {
            final CategoryChart chart = chart("JMH " + benchmarkClass + ", one JVM (higher is better)",
                units.get(benchmarkClass) + " (log scale)");
            final List<String> labels = new ArrayList<>();
            threads.forEach(count -> labels.add(count + (count.equals("1") ? " thread" : " threads")));
            families.forEach((family, byThreads) ->
            {
                final List<Double> values = new ArrayList<>();
                threads.forEach(count -> values.add(byThreads.getOrDefault(count, NOT_MEASURED)));
                chart.addSeries(family, labels, values);
            });
            charts.put(benchmarkClass, chart);
        });
        return charts;
    }

    /**
     * @param report the runner's JSON.
     * @return operations per second per group, one bar per implementation.
     */
    static CategoryChart runnerChart(final JsonNode report)
    {
        final Map<String, Double> rates = new LinkedHashMap<>();
        for (final JsonNode scenario : report.path("scenarios"))
        {
            final JsonNode rate = scenario.path("opsPerSecond");
            if ("ok".equals(scenario.path("status").textValue()) && rate.isNumber() && rate.doubleValue() > 0)
            {
                rates.put(scenario.path("name").textValue(), rate.doubleValue());
            }
        }
        final CategoryChart chart = chart("Operations per second of " +
            report.path("settings").path("processes").asInt() + " processes together (higher is better" +
            load(report) + ")", "operations per second (log scale)");
        for (final String implementation : List.of(SHM, PYTHON, FILE_LOCK, AGRONA))
        {
            final List<String> groups = new ArrayList<>();
            final List<Double> values = new ArrayList<>();
            for (final Group group : RUNNER_GROUPS)
            {
                groups.add(group.label);
                values.add(rates.getOrDefault(group.scenarios.get(implementation), NOT_MEASURED));
            }
            if (values.stream().anyMatch(value -> !value.isNaN()))
            {
                chart.addSeries(implementation, groups, values).setFillColor(COLORS.get(implementation));
            }
        }
        return chart;
    }

    /**
     * @param report the pool benchmark's JSON.
     * @return tasks per second per measure, JvmPool beside Python's Pool.
     */
    static CategoryChart poolChart(final JsonNode report)
    {
        final CategoryChart chart = chart("Pool: tasks per second, " + report.path("settings").path("workers").asInt() +
            " workers (higher is better" + load(report) + ")", "tasks per second (log scale)");
        addPoolSeries(chart, "shm JvmPool", report.path("jvmPool"), COLORS.get(SHM));
        addPoolSeries(chart, "Python multiprocessing.Pool", report.path("python"), COLORS.get(PYTHON));
        return chart;
    }

    /** The machine's load when the figures were measured, as the report recorded it: figures depend on it. */
    private static String load(final JsonNode report)
    {
        final JsonNode load = report.path("machine").path("loadAverage");
        return load.isMissingNode() || load.isNull() ? "" : "; load average " + load.asText();
    }

    private static void addPoolSeries(final CategoryChart chart, final String name, final JsonNode figures,
        final Color color)
    {
        if (!figures.isObject())
        {
            return;
        }
        final List<String> labels = new ArrayList<>();
        final List<Double> values = new ArrayList<>();
        POOL_FIGURES.forEach((field, label) ->
        {
            labels.add(label);
            final JsonNode value = figures.path(field);
            values.add(value.isNumber() && value.doubleValue() > 0 ? value.doubleValue() : NOT_MEASURED);
        });
        chart.addSeries(name, labels, values).setFillColor(color);
    }

    private static CategoryChart chart(final String title, final String yTitle)
    {
        final CategoryChart chart = new CategoryChartBuilder().width(1100).height(600).title(title)
            .yAxisTitle(yTitle).build();
        final CategoryStyler styler = chart.getStyler();
        styler.setYAxisLogarithmic(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLabelsVisible(true);
        styler.setLabelsRotation(90);
        styler.setLabelsFontColor(Color.BLACK);
        styler.setYAxisDecimalPattern("#,##0.##");
        return chart;
    }

    /**
     * A log axis needs explicit bounds: XChart starts a bar chart's axis at 0 otherwise. From the power of 10 at or
     * below the smallest bar to the one at or above the largest.
     */
    private static void logBounds(final CategoryChart chart)
    {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (final CategorySeries series : chart.getSeriesMap().values())
        {
            for (final Number value : series.getYData())
            {
                final double y = value.doubleValue();
                if (y > 0)
                {
                    min = Math.min(min, y);
                    max = Math.max(max, y);
                }
            }
        }
        if (max > 0)
        {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        }
    }

    private static void save(final CategoryChart chart, final Path png) throws IOException
    {
        logBounds(chart);
        final String name = png.toString();
        BitmapEncoder.saveBitmap(chart, name.substring(0, name.length() - ".png".length()),
            BitmapEncoder.BitmapFormat.PNG);
    }

    /** A group of bars: its label, and the scenario of each implementation. */
    private static final class Group
    {
        final String label;
        final Map<String, String> scenarios;

        Group(final String label, final Map<String, String> scenarios)
        {
            this.label = label;
            this.scenarios = scenarios;
        }
    }
}

package dev.shmem.demo.counter;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code counter-race --chart FILE}: one stacked bar per mode, the increments that arrived ("exact", the final
 * count) and those lost, out of the expected total, drawn with XChart as a PNG.
 */
final class RaceChart
{
    private static final Color EXACT = new Color(0x2E7D32);
    private static final Color LOST = new Color(0xC62828);

    private RaceChart()
    {
    }

    /**
     * @param outcome the race's outcome (its finished modes are drawn).
     * @param file    the PNG to write; {@code .png} is added if the name lacks it.
     * @return the file written.
     * @throws IOException if it cannot be written.
     */
    static Path write(final RaceOutcome outcome, final Path file) throws IOException
    {
        System.setProperty("java.awt.headless", "true");
        final RaceConfig config = outcome.config();
        final CategoryChart chart = new CategoryChartBuilder().width(900).height(500)
            .title(String.format(Locale.ROOT, "counter-race: %d processes x %,d increments = %,d per mode",
                config.processes(), config.increments(), config.expected()))
            .xAxisTitle("mode")
            .yAxisTitle("increments")
            .build();
        final CategoryStyler styler = chart.getStyler();
        styler.setStacked(true);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setSeriesColors(new Color[]{ EXACT, LOST });
        styler.setYAxisDecimalPattern("#,###");
        final List<String> modes = new ArrayList<>();
        final List<Long> exact = new ArrayList<>();
        final List<Long> lost = new ArrayList<>();
        for (final ModeResult result : outcome.results())
        {
            modes.add(result.mode() + String.format(Locale.ROOT, " (%.1f %% lost)", result.lostPercent()));
            exact.add(result.finalValue());
            lost.add(result.lost());
        }
        if (modes.isEmpty())
        {
            throw new IOException("no mode finished: nothing to draw in " + file);
        }
        chart.addSeries("exact (final count)", modes, exact);
        chart.addSeries("lost updates", modes, lost);
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        final String name = file.toString();
        final String base = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(base + ".png");
    }
}

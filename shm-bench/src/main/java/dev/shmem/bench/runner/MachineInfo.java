package dev.shmem.bench.runner;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine a run was made on, printed with the results: CPUs, CPU model, JVM, OS and load average (the
 * figures of a run on a shared machine mean little without the load beside them).
 */
public final class MachineInfo
{
    private MachineInfo()
    {
    }

    /**
     * @return name to value, in display order.
     */
    public static Map<String, String> describe()
    {
        final Map<String, String> info = new LinkedHashMap<>();
        info.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        info.put("cpuModel", cpuModel());
        info.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        info.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        final double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        info.put("loadAverage", load < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f", load));
        return info;
    }

    private static String cpuModel()
    {
        try
        {
            final List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (final String line : lines)
            {
                if (line.startsWith("model name"))
                {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // Not Linux, or unreadable: fall through.
        }
        return System.getProperty("os.arch");
    }
}

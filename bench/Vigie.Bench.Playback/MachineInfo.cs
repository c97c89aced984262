using System.Globalization;

namespace Vigie.Bench.Playback;

/// <summary>What the figures were measured on, from /proc.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var gib = memory is null ? double.NaN : long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        var kernel = File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        return string.Create(CultureInfo.InvariantCulture, $"{cpu}, {Environment.ProcessorCount} cores, {gib:0.0} GiB RAM, Linux {kernel}, .NET {Environment.Version}");
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();
}

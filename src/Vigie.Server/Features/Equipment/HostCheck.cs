using System.Diagnostics;
using System.Globalization;
using Vigie.Domain.Equipment;
using Vigie.Server.Hosting;

namespace Vigie.Server.Features.Equipment;

/// <summary>
/// The machine running Vigie: CPU use (the machine's, from /proc/stat, over the last minute), memory in use
/// (/proc/meminfo), Vigie's uptime, and its background loops (<see cref="SupervisedLoops"/>): a loop failing is a
/// fault, high CPU or memory a degradation.
/// </summary>
public sealed class HostCheck(SupervisedLoops loops, TimeProvider time)
{
    private readonly DateTimeOffset _started = time.GetUtcNow();
    private readonly Queue<(DateTimeOffset At, long Busy, long Total)> _cpu = new();

    public DeviceReading Read(DateTimeOffset now, int cpuPercent, int memoryPercent)
    {
        var inv = CultureInfo.InvariantCulture;
        var findings = new List<EquipmentFinding>();
        foreach (var loop in loops.Status.Where(l => l.Failing))
        {
            var since = loop.FailingSince is { } at ? ParisTime(at) : "?";
            findings.Add(EquipmentFinding.Fault($"host.loop.{loop.Loop}", $"traitement « {loop.Loop} » en échec depuis {since} ({loop.Failures} échecs) : {loop.LastError}",
                $"background work '{loop.Loop}' failing since {since} ({loop.Failures} failures): {loop.LastError}"));
        }

        var cpu = Cpu(now);
        if (cpu is { } c && c > cpuPercent)
        {
            findings.Add(EquipmentFinding.Degraded("host.cpu", string.Create(inv, $"processeur chargé à {c:0} %"), string.Create(inv, $"CPU at {c:0}%")));
        }

        var memory = MemoryInUse();
        if (memory is { } m && m > memoryPercent)
        {
            findings.Add(EquipmentFinding.Degraded("host.memory", string.Create(inv, $"mémoire utilisée à {m:0} %"), string.Create(inv, $"memory {m:0}% in use")));
        }

        var uptime = now - _started;
        var figures = new Dictionary<string, double>
        {
            ["uptimeSeconds"] = Math.Round(uptime.TotalSeconds),
            ["processMemoryMb"] = Environment.WorkingSet / 1_000_000,
            ["loops"] = loops.Status.Count,
        };
        if (cpu is { } cp)
        {
            figures["cpuPercent"] = Math.Round(cp, 1);
        }

        if (memory is { } mp)
        {
            figures["memoryPercent"] = Math.Round(mp, 1);
        }

        var summary = string.Create(inv, $"processeur {(cpu is { } x ? $"{x:0} %" : "—")}, mémoire {(memory is { } y ? $"{y:0} %" : "—")}, en service depuis {Uptime(uptime)}, {loops.Status.Count} traitements de fond");
        var summaryEnglish = string.Create(inv, $"CPU {(cpu is { } xe ? $"{xe:0}%" : "—")}, memory {(memory is { } ye ? $"{ye:0}%" : "—")}, up for {Uptime(uptime)}, {loops.Status.Count} background loops");
        return new DeviceReading(DeviceKeys.Host, EquipmentKind.Host, $"Serveur {Environment.MachineName}", null, findings, summary) { Figures = figures, SummaryEnglish = summaryEnglish };
    }

    /// <summary>The machine's CPU use over the last minute (percent of all cores), or the process's where /proc/stat is missing.</summary>
    private double? Cpu(DateTimeOffset now)
    {
        var sample = ReadProcStat() ?? ((long)Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds, (long)((now - _started).TotalMilliseconds * Environment.ProcessorCount));
        _cpu.Enqueue((now, sample.Busy, sample.Total));
        while (_cpu.Count > 2 && now - _cpu.Peek().At > TimeSpan.FromMinutes(1))
        {
            _cpu.Dequeue();
        }

        var first = _cpu.Peek();
        var total = sample.Total - first.Total;
        return total <= 0 ? null : Math.Clamp(100.0 * (sample.Busy - first.Busy) / total, 0, 100);
    }

    private static (long Busy, long Total)? ReadProcStat()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var line = reader.ReadLine();
            if (line is null || !line.StartsWith("cpu ", StringComparison.Ordinal))
            {
                return null;
            }

            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, inv)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Sum();
            return (total - idle, total);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static double? MemoryInUse()
    {
        try
        {
            long? total = null, available = null;
            foreach (var line in File.ReadLines("/proc/meminfo"))
            {
                if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                {
                    total = Kb(line);
                }
                else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    available = Kb(line);
                }
            }

            return total is > 0 && available is { } a ? 100.0 * (total.Value - a) / total.Value : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            var info = GC.GetGCMemoryInfo();
            return info.TotalAvailableMemoryBytes > 0 ? 100.0 * info.MemoryLoadBytes / info.TotalAvailableMemoryBytes : null;
        }

        static long Kb(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], inv);
    }

    private static readonly CultureInfo inv = CultureInfo.InvariantCulture;

    private static string ParisTime(DateTimeOffset at) => Security.ParisClock.ToParis(at).ToString("dd/MM HH:mm:ss", inv);

    private static string Uptime(TimeSpan uptime) => uptime.TotalDays >= 1
        ? string.Create(inv, $"{(int)uptime.TotalDays} j {uptime.Hours} h")
        : string.Create(inv, $"{uptime.Hours} h {uptime.Minutes:00} min");
}

using System.Diagnostics;
using System.Globalization;

namespace Vigie.Bench.Recording;

/// <summary>Reads what Linux accounts for a process (proc(5)): CPU time, resident and proportional set size.</summary>
public static class ProcFs
{
    private static readonly Lazy<int> TicksPerSecond = new(ReadClockTicks);

    /// <summary>utime + stime of every thread of the process, in seconds; null when it is gone.</summary>
    public static double? CpuSeconds(int pid)
    {
        var text = ReadOrNull($"/proc/{pid}/stat");
        if (text is null)
        {
            return null;
        }

        // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / (double)TicksPerSecond.Value;
    }

    /// <summary>VmRSS in bytes (shared library pages included); null when the process is gone.</summary>
    public static long? ResidentBytes(int pid) => ReadKilobytes($"/proc/{pid}/status", "VmRSS:");

    /// <summary>Pss in bytes: shared pages divided among the processes sharing them, the honest figure to sum.</summary>
    public static long? ProportionalBytes(int pid) => ReadKilobytes($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>Busy and total jiffies of the whole machine (first line of /proc/stat).</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var first = File.ReadLines("/proc/stat").First();
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = values.Take(8).Sum();
        // idle and iowait are the 4th and 5th values.
        return (total - values[3] - values[4], total);
    }

    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    private static long? ReadKilobytes(string path, string key)
    {
        var text = ReadOrNull(path);
        if (text is null)
        {
            return null;
        }

        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var value = line[key.Length..].Trim().Split(' ')[0];
                return long.Parse(value, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int ReadClockTicks()
    {
        using var getconf = Process.Start(new ProcessStartInfo("getconf", ["CLK_TCK"]) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException("getconf did not start.");
        var output = getconf.StandardOutput.ReadToEnd();
        getconf.WaitForExit(5000);
        return int.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }
}

using System.Globalization;

namespace Vigie.Bench.Recording;

/// <summary>
/// Before a phase of N cameras: what would stop it midway rather than measure it — open files (the host holds a
/// socket, a segment file and the pre-alarm's handles per camera, the simulator a socket), loopback ports, and
/// the disk the recordings fill (≈ 15 MB per camera-minute at 2 Mbit/s). Returns why it cannot run, or null.
/// </summary>
public static class Preflight
{
    /// <summary>Bytes one camera writes per minute at the simulator's 2 Mbit/s, container included.</summary>
    private const long BytesPerCameraMinute = 16L * 1024 * 1024;

    public static string? Check(int cameras, BenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var files = OpenFilesLimit();
        var needed = (4L * cameras) + 1024;
        if (files is { } limit && limit < needed)
        {
            return Invariant($"{cameras} cameras need about {needed:N0} open files in the host, the hard limit is {limit:N0}: raise it (ulimit -Hn, LimitNOFILE) first.");
        }

        var ports = EphemeralPorts();
        if (ports is { } range && range < cameras + 1000)
        {
            return Invariant($"{cameras} loopback connections do not fit in the {range:N0} ephemeral ports (net.ipv4.ip_local_port_range).");
        }

        Directory.CreateDirectory(options.WorkFolder);
        var free = new DriveInfo(Path.GetPathRoot(options.WorkFolder)!).AvailableFreeSpace;
        // Without --discard everything stays until the phase ends; with it, at most two 60 s segments per camera.
        var minutes = options.Discard ? 3 : (options.Warmup + options.Window).TotalMinutes + 2;
        var disk = (long)(cameras * minutes * BytesPerCameraMinute);
        if (disk > free)
        {
            return Invariant($"{cameras} cameras over {minutes:F0} min write about {disk / 1e9:F0} GB, {free / 1e9:F0} GB are free in {options.WorkFolder}{(options.Discard ? "" : ": add --discard (segments counted and deleted as they complete)")}.");
        }

        return null;
    }

    private static long? OpenFilesLimit()
    {
        // "Max open files            20000                20000                files"
        var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields is { Length: >= 5 } && long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var hard) ? hard : null;
    }

    private static int? EphemeralPorts()
    {
        var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return text.Length == 2 ? int.Parse(text[1], CultureInfo.InvariantCulture) - int.Parse(text[0], CultureInfo.InvariantCulture) + 1 : null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

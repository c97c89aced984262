using System.Globalization;

namespace Vigie.Server.Components.Shared;

/// <summary>
/// Durations and sizes as an operator reads them at a glance: "42 s", "12 min 05 s", "23 h 10 min";
/// sizes in megabytes (10^6 bytes) with one decimal in the console's culture. The units read the same in
/// French and English.
/// </summary>
public static class DurationText
{
    /// <summary>A duration to the second, however long (outages, repairs): "0 s", "42 s", "3 min 05 s", "2 h 03 min 05 s".</summary>
    public static string Exact(double seconds)
    {
        var whole = (long)Math.Round(seconds);
        var (h, m, s) = (whole / 3600, whole % 3600 / 60, whole % 60);
        return h > 0 ? string.Create(CultureInfo.InvariantCulture, $"{h} h {m:00} min {s:00} s")
            : m > 0 ? string.Create(CultureInfo.InvariantCulture, $"{m} min {s:00} s") : string.Create(CultureInfo.InvariantCulture, $"{s} s");
    }

    public static string Format(double seconds) => Format(TimeSpan.FromSeconds(Math.Max(0, seconds)));

    public static string Format(TimeSpan duration)
    {
        var whole = (long)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);
        if (whole == 0 && duration > TimeSpan.Zero)
        {
            return "< 1 s";
        }

        var hours = whole / 3600;
        var minutes = whole % 3600 / 60;
        var secs = whole % 60;
        var invariant = CultureInfo.InvariantCulture;
        return hours > 0
            ? string.Format(invariant, "{0} h {1:00} min", hours, minutes)
            : minutes > 0 ? string.Format(invariant, "{0} min {1:00} s", minutes, secs) : string.Format(invariant, "{0} s", secs);
    }

    public static string Megabytes(long bytes) => (bytes / 1_000_000d).ToString("N1", CultureInfo.CurrentCulture);
}

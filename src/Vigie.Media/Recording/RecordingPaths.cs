using System.Globalization;

namespace Vigie.Media.Recording;

/// <summary>Where segments live: ROOT/&lt;camera&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;HHmmss-fff&gt;Z.mp4 (UTC), written as .part first.</summary>
public static class RecordingPaths
{
    public const string TemporarySuffix = ".part";

    public static string RelativePath(string camera, DateTimeOffset start)
    {
        var utc = start.ToUniversalTime();
        return Path.Combine(camera, utc.ToString("yyyy", CultureInfo.InvariantCulture), utc.ToString("MM", CultureInfo.InvariantCulture),
            utc.ToString("dd", CultureInfo.InvariantCulture), utc.ToString("HHmmss-fff", CultureInfo.InvariantCulture) + "Z.mp4");
    }

    /// <summary>Reads the start time back from a segment file name (for adopting orphans after a crash).</summary>
    public static bool TryParseStart(string path, out DateTimeOffset start)
    {
        start = default;
        var name = Path.GetFileName(path);
        if (name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            name = name[..^TemporarySuffix.Length];
        }

        var day = Path.GetDirectoryName(path);
        var month = Path.GetDirectoryName(day);
        var year = Path.GetDirectoryName(month);
        var text = $"{Path.GetFileName(year)}-{Path.GetFileName(month)}-{Path.GetFileName(day)} {name.Replace("Z.mp4", string.Empty, StringComparison.Ordinal)}";
        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd HHmmss-fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out start);
    }
}

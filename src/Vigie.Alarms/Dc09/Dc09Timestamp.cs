using System.Globalization;

namespace Vigie.Alarms.Dc09;

/// <summary>The DC-09 time stamp <c>_HH:MM:SS,MM-DD-YYYY</c>, always UTC.</summary>
public static class Dc09Timestamp
{
    public const int Length = 20;
    private const string Format = "HH:mm:ss,MM-dd-yyyy";

    public static string Write(DateTimeOffset time) => "_" + time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses <c>_HH:MM:SS,MM-DD-YYYY</c> (leading underscore included).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != Length || text[0] != '_')
        {
            return false;
        }

        if (!DateTime.TryParseExact(text[1..], Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }
}

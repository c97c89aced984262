namespace Vigie.Alarms.Dc09;

/// <summary>The DC-09 time stamp <c>_HH:MM:SS,MM-DD-YYYY</c>, always UTC.</summary>
public static class Dc09Timestamp
{
    public const int Length = 20;

    public static string Write(DateTimeOffset time) => string.Create(Length, time.UtcDateTime, static (text, utc) =>
    {
        text[0] = '_';
        Two(text[1..], utc.Hour);
        text[3] = ':';
        Two(text[4..], utc.Minute);
        text[6] = ':';
        Two(text[7..], utc.Second);
        text[9] = ',';
        Two(text[10..], utc.Month);
        text[12] = '-';
        Two(text[13..], utc.Day);
        text[15] = '-';
        Two(text[16..], utc.Year / 100);
        Two(text[18..], utc.Year % 100);
    });

    private static void Two(Span<char> text, int value)
    {
        text[0] = (char)('0' + (value / 10));
        text[1] = (char)('0' + (value % 10));
    }

    /// <summary>Parses <c>_HH:MM:SS,MM-DD-YYYY</c> (leading underscore included).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != Length || text[0] != '_')
        {
            return false;
        }

        // By hand (digits at fixed places): DateTime.TryParseExact cost more than the rest of the parse.
        var t = text[1..];
        if (t[2] != ':' || t[5] != ':' || t[8] != ',' || t[11] != '-' || t[14] != '-'
            || !TryDigits(t[..2], out var hour) || !TryDigits(t[3..5], out var minute) || !TryDigits(t[6..8], out var second)
            || !TryDigits(t[9..11], out var month) || !TryDigits(t[12..14], out var day) || !TryDigits(t[15..19], out var year)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}

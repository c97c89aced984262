namespace Vigie.Analytics.Rules;

/// <summary>Whether a rule is armed at an instant, from its periods in the installation's local time.</summary>
public static class ArmingSchedule
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    public static bool IsArmed(IReadOnlyList<ArmingPeriod> schedule, DateTimeOffset at, TimeZoneInfo zone)
    {
        if (schedule.Count == 0)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(at, zone);
        var minute = (local.Hour * 60) + local.Minute;
        var today = local.DayOfWeek;
        var yesterday = (DayOfWeek)(((int)today + 6) % 7);
        foreach (var period in schedule)
        {
            var from = ParseTime(period.From) ?? 0;
            var to = ParseTime(period.To) ?? 1440;
            if (from <= to)
            {
                if (minute >= from && minute < to && OnDay(period, today))
                {
                    return true;
                }
            }
            else if ((minute >= from && OnDay(period, today)) || (minute < to && OnDay(period, yesterday)))
            {
                // Past midnight: the evening belongs to the day it starts, the small hours to the day before.
                return true;
            }
        }

        return false;
    }

    /// <summary>Minutes since midnight of "HH:mm" (0–1440), or null.</summary>
    public static int? ParseTime(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2 && int.TryParse(parts[0], out var h) && int.TryParse(parts[1], out var m)
            && h is >= 0 and <= 24 && m is >= 0 and < 60 && (h < 24 || m == 0)
            ? (h * 60) + m
            : null;
    }

    public static DayOfWeek? ParseDay(string text)
    {
        var index = Array.IndexOf(DayNames, text.Trim().ToLowerInvariant());
        return index < 0 ? null : (DayOfWeek)index;
    }

    private static bool OnDay(ArmingPeriod period, DayOfWeek day) => period.Days.Count == 0 || period.Days.Any(d => ParseDay(d) == day);
}

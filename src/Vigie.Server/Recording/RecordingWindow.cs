using System.Globalization;
using Vigie.Domain;
using Vigie.Storage.Recordings;

namespace Vigie.Server.Recording;

/// <summary>
/// The half-open span [From, To) of a recordings query: a UTC day, a day in another zone (the console's
/// Paris days, which last 23 or 25 hours on clock changes), or two instants, at most <see cref="MaxLength"/> apart.
/// </summary>
public readonly record struct RecordingWindow
{
    /// <summary>Two days: any calendar day in any zone fits, and a reply stays a few thousand rows per camera.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(48);

    private RecordingWindow(DateTimeOffset from, DateTimeOffset to)
    {
        From = from;
        To = to;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public TimeSpan Length => To - From;

    public static RecordingWindow Between(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            throw new DomainException("recordings.window_order", "'to' must be after 'from'.", "to");
        }

        if (to - from > MaxLength)
        {
            throw new DomainException("recordings.window_too_long", "A recordings query covers at most 48 hours: ask one day at a time.", "to");
        }

        return new RecordingWindow(from.ToUniversalTime(), to.ToUniversalTime());
    }

    /// <summary>The calendar day <paramref name="day"/> in <paramref name="zone"/>, midnight to midnight.</summary>
    public static RecordingWindow Day(DateOnly day, TimeZoneInfo zone) =>
        Between(RecordingQueries.StartOf(day, zone), RecordingQueries.StartOf(day.AddDays(1), zone));

    /// <summary>
    /// Reads the query string of GET /api/cameras/{id}/recordings: either <c>day=YYYY-MM-DD</c> (a UTC day)
    /// or <c>from</c> and <c>to</c> (ISO 8601 instants; without an offset they are UTC).
    /// </summary>
    public static RecordingWindow Parse(string? day, string? from, string? to)
    {
        var hasRange = !string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to);
        if (!string.IsNullOrWhiteSpace(day))
        {
            if (hasRange)
            {
                throw new DomainException("recordings.window_ambiguous", "Give either 'day' or 'from' and 'to', not both.", "day");
            }

            if (!DateOnly.TryParseExact(day.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new DomainException("recordings.day_invalid", "'day' must be a calendar date written YYYY-MM-DD (a UTC day), for example 2026-11-29.", "day");
            }

            return Day(date, TimeZoneInfo.Utc);
        }

        if (!hasRange)
        {
            throw new DomainException("recordings.window_missing", "Give 'day' (YYYY-MM-DD, a UTC day) or 'from' and 'to' (ISO 8601 instants).", "day");
        }

        return Between(Instant(from, "from"), Instant(to, "to"));
    }

    private static DateTimeOffset Instant(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DomainException("recordings.instant_missing", $"'{field}' is missing: give both 'from' and 'to'.", field);
        }

        if (!DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            throw new DomainException("recordings.instant_invalid", $"'{field}' must be an ISO 8601 instant such as 2026-11-29T23:00:00Z (in a URL, write a '+' offset as %2B).", field);
        }

        return instant;
    }
}

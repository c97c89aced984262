namespace Vigie.Server.Playback;

/// <summary>
/// The instant the Relecture page offers when the operator has not chosen one: the instant wished for
/// (a few minutes before now, or the wall's "last 30 seconds"), brought within what the chosen cameras
/// recorded — the first recording when it is earlier (a fresh installation, a camera added a minute
/// ago), the start of the last recorded minute when it is later (cameras that stopped recording).
/// Without any recording there is nothing to bring it to, and the page says so when it plays.
/// </summary>
public static class DefaultPlaybackInstant
{
    /// <summary>How much of the last recording is offered when the instant wished for is after it.</summary>
    public static readonly TimeSpan LastStretch = TimeSpan.FromMinutes(1);

    public static DateTimeOffset Choose(DateTimeOffset wished, IEnumerable<RecordedRangeDto> ranges)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        var recorded = ranges.Where(r => r.First is not null && r.Last is not null).ToList();
        if (recorded.Count == 0)
        {
            return wished;
        }

        var first = recorded.Min(r => r.First!.Value);
        var last = recorded.Max(r => r.Last!.Value);
        if (wished < first)
        {
            return first;
        }

        if (wished > last)
        {
            var lastStretch = last - LastStretch;
            return lastStretch > first ? lastStretch : first;
        }

        return wished;
    }
}

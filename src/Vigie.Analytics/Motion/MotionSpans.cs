namespace Vigie.Analytics.Motion;

/// <summary>A stretch of time something moved in a camera's picture, and the most that moved (a fraction of the picture).</summary>
public readonly record struct MotionSpan(DateTimeOffset Start, DateTimeOffset End, double Peak);

/// <summary>
/// Turns frame-by-frame motion into the spans the playback timeline shows: a span opens at the first moving frame,
/// takes in pauses shorter than <see cref="Quiet"/>, and closes at its last moving frame once the picture has been
/// still that long. A single moving frame shorter than <see cref="Shortest"/> is noise and is dropped; a span longer
/// than <see cref="Longest"/> is cut there, so that continuous motion (a tree, traffic) shows on the timeline while it
/// lasts rather than once it stops. Not thread-safe; one per camera.
/// </summary>
public sealed class MotionSpans(TimeSpan? quiet = null, TimeSpan? shortest = null, TimeSpan? longest = null)
{
    private DateTimeOffset? _start;
    private DateTimeOffset _last;
    private double _peak;

    public TimeSpan Quiet { get; } = quiet ?? TimeSpan.FromSeconds(3);

    public TimeSpan Shortest { get; } = shortest ?? TimeSpan.FromSeconds(0.3);

    public TimeSpan Longest { get; } = longest ?? TimeSpan.FromMinutes(1);

    /// <summary>One analysed frame; the span it closes, if any.</summary>
    public MotionSpan? Add(DateTimeOffset at, bool moving, double level)
    {
        MotionSpan? closed = null;
        if (_start is { } start && (at - _last > Quiet || (moving && at - start >= Longest)))
        {
            closed = Close();
        }

        if (moving)
        {
            _start ??= at;
            _last = at;
            _peak = Math.Max(_peak, level);
        }

        return closed;
    }

    /// <summary>The span still open, closed at its last moving frame (the analytics stop); null when none is.</summary>
    public MotionSpan? Flush() => _start is null ? null : Close();

    private MotionSpan? Close()
    {
        var span = new MotionSpan(_start!.Value, _last, _peak);
        _start = null;
        _peak = 0;
        return span.End - span.Start >= Shortest ? span : null;
    }
}

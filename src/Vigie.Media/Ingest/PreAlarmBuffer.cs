namespace Vigie.Media.Ingest;

/// <summary>
/// The last few seconds of one camera, in memory (default 10 s), so that an alarm can show what happened
/// just before it. Keeps retained references to the frames (no copy) and drops the oldest ones beyond the
/// window, but never the keyframe that the oldest kept frame depends on: a clip always starts decodable.
/// Thread-safe: the ingest thread appends while readers take clips.
/// <para>
/// Costs the frames' bytes in memory (≈ 2.5 MB per camera at 2 Mbit/s): a recorded camera uses
/// <see cref="Recording.RecordedPreAlarm"/> instead, which reads the same clip back from its segment files
/// (decision 0011). This one is for a stream that is not recorded.
/// </para>
/// </summary>
public sealed class PreAlarmBuffer : IAccessUnitSink, IPreAlarmClipSource, IDisposable
{
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(10);

    private readonly long _window;
    private readonly Queue<AccessUnit> _frames = new();
    private readonly Lock _lock = new();

    public PreAlarmBuffer(TimeSpan? window = null)
    {
        _window = WindowTicks(window);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _frames.Count;
            }
        }
    }

    /// <summary>The window (default <see cref="DefaultWindow"/>, must be positive) in 90 kHz ticks.</summary>
    internal static long WindowTicks(TimeSpan? window)
    {
        var span = window ?? DefaultWindow;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, nameof(window));
        return (long)(span.TotalSeconds * AccessUnit.ClockRate);
    }

    public void OnAccessUnit(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        lock (_lock)
        {
            if (_frames.Count == 0 && !unit.IsKeyframe)
            {
                return;
            }

            _frames.Enqueue(unit.Retain());
            Trim(unit.DecodeTimestamp);
        }
    }

    /// <summary>
    /// The buffered frames, oldest first, starting at a keyframe. Each returned unit is retained for the
    /// caller, who must release every one (e.g. after writing the clip).
    /// </summary>
    public IReadOnlyList<AccessUnit> TakeClip()
    {
        lock (_lock)
        {
            var clip = new List<AccessUnit>(_frames.Count);
            foreach (var frame in _frames)
            {
                clip.Add(frame.Retain());
            }

            return clip;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            while (_frames.TryDequeue(out var frame))
            {
                frame.Release();
            }
        }
    }

    /// <summary>
    /// Drops whole GOPs from the front while the next GOP alone still covers the window, so the buffer
    /// keeps at least <c>window</c> of history and always starts with a keyframe.
    /// </summary>
    private void Trim(long newest)
    {
        while (_frames.Count > 1)
        {
            var nextKeyframe = NextKeyframeAfterHead();
            if (nextKeyframe is null || newest - nextKeyframe.DecodeTimestamp < _window)
            {
                return;
            }

            while (!ReferenceEquals(_frames.Peek(), nextKeyframe))
            {
                _frames.Dequeue().Release();
            }
        }
    }

    private AccessUnit? NextKeyframeAfterHead()
    {
        var first = true;
        foreach (var frame in _frames)
        {
            if (!first && frame.IsKeyframe)
            {
                return frame;
            }

            first = false;
        }

        return null;
    }
}

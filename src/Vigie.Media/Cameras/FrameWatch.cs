using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Cameras;

/// <summary>
/// Counts a camera's frames and remembers when they arrived, for supervision on another thread. A "run"
/// is a stretch of frames without a silence longer than <see cref="RunBreak"/>: its start is when the
/// camera came back, the end of a recording gap.
/// </summary>
public sealed class FrameWatch(TimeProvider time) : IAccessUnitSink
{
    public static readonly TimeSpan RunBreak = TimeSpan.FromSeconds(2);

    private long _frames;
    private long _bytes;
    private long _keyframes;
    private long _lastTicks;
    private long _runStartTicks;
    private long _lastKeyframeTimestamp = -1;
    private long _keyframeInterval;

    public long Frames => Interlocked.Read(ref _frames);

    public long Bytes => Interlocked.Read(ref _bytes);

    public long Keyframes => Interlocked.Read(ref _keyframes);

    /// <summary>Time between the last two keyframes (the GOP length), from the stream's own clock.</summary>
    public TimeSpan KeyframeInterval => TimeSpan.FromSeconds((double)Interlocked.Read(ref _keyframeInterval) / AccessUnit.ClockRate);

    public DateTimeOffset? LastFrameAt => At(Interlocked.Read(ref _lastTicks));

    public DateTimeOffset? RunStartedAt => At(Interlocked.Read(ref _runStartTicks));

    /// <summary>Codec of the last frame received (null before the first): the live wall needs to know whether the browser can play it.</summary>
    public VideoCodec? Codec { get; private set; }

    public void OnAccessUnit(AccessUnit unit)
    {
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastTicks);
        if (last == 0 || now - last > RunBreak.Ticks)
        {
            Interlocked.Exchange(ref _runStartTicks, now);
        }

        Interlocked.Exchange(ref _lastTicks, now);
        Interlocked.Add(ref _bytes, unit.Data.Length);
        if (unit.IsKeyframe)
        {
            Interlocked.Increment(ref _keyframes);
            var previous = Interlocked.Exchange(ref _lastKeyframeTimestamp, unit.Timestamp);
            if (previous >= 0 && unit.Timestamp > previous)
            {
                Interlocked.Exchange(ref _keyframeInterval, unit.Timestamp - previous);
            }
        }

        Interlocked.Increment(ref _frames);
        Codec = unit.Codec;
    }

    private static DateTimeOffset? At(long ticks) => ticks > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
}

namespace Vigie.Media.Ingest;

/// <summary>
/// Gives each frame of a camera a decode time, from the order frames arrive in. RTP carries only
/// presentation times (RFC 6184 §5.1, RFC 7798 §4.1), and with B-frames they are not in decode order:
/// I0 P3 B1 B2 arrive with times 0, 3, 1, 2. Used as decode times they step backwards, and an MP4 muxer
/// then stretches and folds the timeline ("non monotonically increasing dts").
/// <para>
/// The decode times are the presentation times sorted: the n-th frame to arrive is decoded at the n-th
/// smallest presentation time (0, 1, 2, 3 above), so decode times never decrease, keep the stream's own
/// spacing and sum to the same duration, and a keyframe that opens a closed GOP is decoded at the instant
/// it is shown. The composition offsets (presentation minus decode: 0, +2, −1, −1) are signed, as fMP4's
/// trun version 1 carries them (ISO/IEC 14496-12 §8.8.8). Knowing the n-th smallest needs the frames that
/// may still arrive with a smaller time: the reorder depth K, so frames are held K frames before they go
/// on. Streams without B-frames have K = 0 and pass straight through, with no delay.
/// </para>
/// <para>
/// K comes from the SPS when it says (H.265 sps_max_num_reorder_pics, H.264 VUI max_num_reorder_frames)
/// and is raised whenever a frame arrives behind more frames than K; until it is known a frame may have
/// to be decoded a tick after the previous one instead of at its sorted time, which costs nothing but
/// uneven sample durations in the first GOP. A jump of the presentation clock larger than
/// <see cref="DiscontinuityTicks"/>, backwards or forwards, is a clock reset or an outage, not reordering:
/// the held frames go out and the timeline restarts, its depth back to what the SPS says.
/// </para>
/// Not thread-safe: one per stream, on the ingest thread. Allocates nothing per frame.
/// </summary>
public sealed class DecodeTimeline : IAccessUnitSink
{
    /// <summary>The deepest reordering H.264 and H.265 allow (a decoded picture buffer of 16 frames).</summary>
    public const int MaxDepth = 16;

    /// <summary>A presentation time this far behind the newest one is a clock reset (5 s at 90 kHz).</summary>
    public const long DiscontinuityTicks = 5 * AccessUnit.ClockRate;

    private readonly IAccessUnitSink _next;
    private readonly Queue<AccessUnit> _held = new(MaxDepth + 1);

    /// <summary>Presentation times not yet given out as decode times, ascending (at most K + 1).</summary>
    private readonly long[] _pending = new long[MaxDepth + 1];

    /// <summary>The presentation times of the last frames to arrive, to measure how far a frame is out of order.</summary>
    private readonly long[] _recent = new long[MaxDepth];
    private int _pendingCount;
    private int _recentCount;
    private int _recentNext;
    private long? _lastDecode;
    private long _newest;
    private object? _hintSource;
    private int _statedDepth;

    public DecodeTimeline(IAccessUnitSink next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _next = next;
    }

    /// <summary>Frames held before they go on (K): 0 for a stream without B-frames.</summary>
    public int Depth { get; private set; }

    /// <summary>Frames that had to be decoded later than their sorted time because the depth was not yet known.</summary>
    public long LateFrames { get; private set; }

    public void OnAccessUnit(AccessUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (!ReferenceEquals(unit.Parameters, _hintSource))
        {
            _hintSource = unit.Parameters;
            _statedDepth = Math.Min(unit.Parameters.MaxReorderFrames ?? 0, MaxDepth);
            Depth = Math.Max(Depth, _statedDepth);
        }

        var presentation = unit.Timestamp;
        if (_recentCount > 0 && Math.Abs(presentation - _newest) > DiscontinuityTicks)
        {
            Flush();
            _lastDecode = null;
            _recentCount = 0;
            Depth = _statedDepth;
        }

        var behind = 0;
        for (var i = 0; i < _recentCount; i++)
        {
            behind += _recent[i] > presentation ? 1 : 0;
        }

        if (behind > Depth)
        {
            Depth = Math.Min(behind, MaxDepth);
        }

        Remember(presentation);
        Insert(presentation);
        _held.Enqueue(unit.Retain());
        while (_held.Count > Depth)
        {
            EmitOldest();
        }
    }

    /// <summary>Sends every held frame on (end of stream, reconnection): their decode times are the remaining sorted times.</summary>
    public void Flush()
    {
        while (_held.Count > 0)
        {
            EmitOldest();
        }
    }

    /// <summary>Releases the held frames without sending them (the stream is being torn down).</summary>
    public void Discard()
    {
        while (_held.TryDequeue(out var unit))
        {
            unit.Release();
        }

        _pendingCount = 0;
    }

    private void Remember(long presentation)
    {
        _newest = _recentCount == 0 ? presentation : Math.Max(_newest, presentation);
        _recent[_recentNext] = presentation;
        _recentNext = (_recentNext + 1) % _recent.Length;
        _recentCount = Math.Min(_recentCount + 1, _recent.Length);
    }

    private void Insert(long presentation)
    {
        // Held frames and pending times are as many, at most MaxDepth + 1: the array never overflows.
        var at = _pendingCount;
        while (at > 0 && _pending[at - 1] > presentation)
        {
            _pending[at] = _pending[at - 1];
            at--;
        }

        _pending[at] = presentation;
        _pendingCount++;
    }

    private void EmitOldest()
    {
        var unit = _held.Dequeue();
        var decode = _pending[0];
        _pendingCount--;
        Array.Copy(_pending, 1, _pending, 0, _pendingCount);
        if (_lastDecode is { } last && decode <= last)
        {
            decode = last + 1;
            LateFrames++;
        }

        _lastDecode = decode;
        unit.WithDecodeTimestamp(decode);
        try
        {
            _next.OnAccessUnit(unit);
        }
        finally
        {
            unit.Release();
        }
    }
}

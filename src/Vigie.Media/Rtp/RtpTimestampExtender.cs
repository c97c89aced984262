namespace Vigie.Media.Rtp;

/// <summary>
/// Extends 32-bit RTP timestamps (RFC 3550 §5.1) to 64 bits so that the 90 kHz clock's wrap every
/// 13 h 15 min is invisible downstream. Each timestamp is placed at the signed 32-bit distance from the
/// previous one, which also keeps B-frame timestamps (that step backwards) in order.
/// </summary>
public sealed class RtpTimestampExtender
{
    private bool _started;
    private long _last;

    /// <summary>The last extended timestamp returned by <see cref="Extend"/>.</summary>
    public long Last => _last;

    public bool HasValue => _started;

    public long Extend(uint timestamp)
    {
        _last = Nearest(timestamp);
        _started = true;
        return _last;
    }

    /// <summary>
    /// The extended value of <paramref name="timestamp"/> closest to the last one, without moving the state
    /// (used to place an RTCP sender report's RTP time on the same axis).
    /// </summary>
    public long Nearest(uint timestamp) => _started ? _last + (int)(timestamp - (uint)_last) : timestamp;

    public void Reset()
    {
        _started = false;
        _last = 0;
    }
}

namespace Vigie.Media.Rtp;

/// <summary>
/// Maps RTP timestamps to capture wall-clock time from the latest RTCP sender report (RFC 3550 §6.4.1):
/// the report pairs an NTP instant with an RTP timestamp, and the clock rate gives the rest. Until a
/// report is seen there is no mapping; the recorder then falls back to arrival time.
/// </summary>
public sealed class RtpWallClock
{
    private readonly int _clockRate;
    private uint _reportRtp;
    private DateTimeOffset _reportWallClock;

    public RtpWallClock(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        _clockRate = clockRate;
    }

    public bool IsSynchronised { get; private set; }

    public void Update(in RtcpSenderReport report)
    {
        _reportRtp = report.RtpTimestamp;
        _reportWallClock = report.WallClock;
        IsSynchronised = true;
    }

    /// <summary>
    /// Wall-clock time of an extended RTP timestamp. The report's 32-bit timestamp is placed at the signed
    /// 32-bit distance from the frame's (wrap-safe within ±6.6 h at 90 kHz; senders report every few seconds).
    /// </summary>
    public DateTimeOffset? Map(long extendedTimestamp)
    {
        if (!IsSynchronised)
        {
            return null;
        }

        var distance = (int)((uint)extendedTimestamp - _reportRtp);
        return _reportWallClock.AddTicks(distance * TimeSpan.TicksPerSecond / _clockRate);
    }

    public void Reset() => IsSynchronised = false;
}

namespace Vigie.Media.Rtsp;

/// <summary>
/// Hands packets to the <see cref="IRtpPacketSink"/> one at a time (UDP has a receive loop per socket)
/// and remembers when the last RTP packet came, for the session's silence watchdog. Maps interleaved
/// channels to tracks with a 256-entry table: no lookup allocation per packet.
/// </summary>
internal sealed class PacketDispatcher
{
    private readonly IRtpPacketSink _sink;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    // channel -> (track index << 1 | isRtcp), -1 when unmapped.
    private readonly int[] _channels = new int[256];
    private long _lastRtp;

    public PacketDispatcher(IRtpPacketSink sink, TimeProvider time)
    {
        _sink = sink;
        _time = time;
        Array.Fill(_channels, -1);
        _lastRtp = time.GetTimestamp();
    }

    /// <summary>Time since the last RTP packet on any track.</summary>
    public TimeSpan SinceLastRtp => _time.GetElapsedTime(Volatile.Read(ref _lastRtp));

    public void MapChannels(int trackIndex, int rtpChannel, int rtcpChannel)
    {
        _channels[rtpChannel] = trackIndex << 1;
        _channels[rtcpChannel] = (trackIndex << 1) | 1;
    }

    /// <summary>Resets the silence clock (at PLAY: the wait for the first packet starts then).</summary>
    public void MarkActive() => Volatile.Write(ref _lastRtp, _time.GetTimestamp());

    public void OnInterleaved(int channel, ReadOnlySpan<byte> packet)
    {
        var entry = _channels[channel];
        if (entry >= 0)
        {
            Deliver(entry >> 1, (entry & 1) == 1, packet);
        }
    }

    public void Deliver(int trackIndex, bool isRtcp, ReadOnlySpan<byte> packet)
    {
        if (!isRtcp)
        {
            Volatile.Write(ref _lastRtp, _time.GetTimestamp());
        }

        lock (_gate)
        {
            _sink.OnPacket(trackIndex, isRtcp, packet);
        }
    }
}

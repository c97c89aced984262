using System.Buffers.Binary;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Tests.Rtsp;

/// <summary>
/// Records what a session delivered: per track, RTP count, payload types, sequence gaps
/// (RFC 3550 §5.1, 16-bit wrap) and RTCP sender reports (packet type 200, §6.4.1).
/// </summary>
public sealed class RecordingSink : IRtpPacketSink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, TrackStats> _tracks = [];
    private readonly TaskCompletionSource _firstPacket = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<RtspTrack> Tracks { get; private set; } = [];

    public Task FirstPacket => _firstPacket.Task;

    /// <summary>The camera's "someone watches live" switch, when a test drives it.</summary>
    public ImmediateDelivery? Delivery { get; init; }

    public void OnTracks(IReadOnlyList<RtspTrack> tracks) => Tracks = tracks;

    public void OnPacket(int trackIndex, bool isRtcp, ReadOnlySpan<byte> packet)
    {
        lock (_gate)
        {
            if (!_tracks.TryGetValue(trackIndex, out var stats))
            {
                _tracks[trackIndex] = stats = new TrackStats();
            }

            if (isRtcp)
            {
                // A compound packet starts with SR (200) or RR (201), RFC 3550 §6.1.
                if (packet.Length >= 8 && packet[1] == 200)
                {
                    stats.SenderReports++;
                }

                return;
            }

            if (packet.Length < 12 || packet[0] >> 6 != 2)
            {
                stats.Malformed++;
                return;
            }

            var sequence = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
            if (stats.LastSequence is { } last && (ushort)(last + 1) != sequence)
            {
                stats.Gaps++;
            }

            stats.LastSequence = sequence;
            stats.Rtp++;
            stats.PayloadTypes.Add(packet[1] & 0x7F);
        }

        _firstPacket.TrySetResult();
    }

    public TrackStats Snapshot(int trackIndex)
    {
        lock (_gate)
        {
            var s = _tracks.GetValueOrDefault(trackIndex) ?? new TrackStats();
            return new TrackStats { Rtp = s.Rtp, Gaps = s.Gaps, Malformed = s.Malformed, SenderReports = s.SenderReports, LastSequence = s.LastSequence, PayloadTypes = [.. s.PayloadTypes] };
        }
    }

    public sealed class TrackStats
    {
        public int Rtp { get; set; }

        public int Gaps { get; set; }

        public int Malformed { get; set; }

        public int SenderReports { get; set; }

        public ushort? LastSequence { get; set; }

        public HashSet<int> PayloadTypes { get; init; } = [];
    }
}

using Vigie.Media.Codecs;
using Vigie.Media.Rtp;
using Vigie.Media.Rtsp;

namespace Vigie.Media.Ingest;

/// <summary>
/// Joins an RTSP session to the rest of the ingest: picks the session's video track, seeds the
/// depacketiser with the parameter sets from the SDP (sprop-*), and feeds it RTP and RTCP packets; the
/// access units go to <paramref name="output"/> (usually the camera's fan-out). One instance per session.
/// </summary>
public sealed class CameraIngest(IAccessUnitSink output, TimeProvider time) : IRtpPacketSink, IDisposable
{
    private RtpVideoDepacketizer? _depacketizer;
    private int _videoTrack = -1;

    public VideoCodec? Codec { get; private set; }

    public DepacketizerStatistics? Statistics => _depacketizer?.Statistics;

    /// <summary>How deep the camera's B-frames reorder (frames the ingest holds to time them); 0 without B-frames.</summary>
    public int ReorderDepth => _depacketizer?.ReorderDepth ?? 0;

    /// <summary>The camera's fan-out says when someone watches it live: packets then go through at once.</summary>
    public ImmediateDelivery? Delivery => output is AccessUnitFanOut fanOut ? fanOut.Delivery : null;

    public void OnTracks(IReadOnlyList<RtspTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var track = tracks.FirstOrDefault(t => t.Codec is not null)
            ?? throw new RtspException("The camera offers no H.264 or H.265 video track.");
        _videoTrack = track.Index;
        Codec = track.Codec!.Value;
        var fmtp = track.Media.FormatParameters;
        var options = new DepacketizerOptions { PayloadType = (byte)track.PayloadType };
        _depacketizer?.Dispose();
        if (Codec == VideoCodec.H264)
        {
            if (!SpropParameterSets.TryParseH264(fmtp.GetValueOrDefault("sprop-parameter-sets"), out var sets))
            {
                sets = new ParameterSets(VideoCodec.H264, [], [], []);
            }

            _depacketizer = new H264Depacketizer(sets, output, options);
        }
        else
        {
            if (!SpropParameterSets.TryParseH265(fmtp.GetValueOrDefault("sprop-vps"), fmtp.GetValueOrDefault("sprop-sps"), fmtp.GetValueOrDefault("sprop-pps"), out var sets))
            {
                sets = new ParameterSets(VideoCodec.H265, [], [], []);
            }

            _depacketizer = new H265Depacketizer(sets, output, options);
        }
    }

    public void OnPacket(int trackIndex, bool isRtcp, ReadOnlySpan<byte> packet)
    {
        if (trackIndex != _videoTrack || _depacketizer is null)
        {
            return;
        }

        if (isRtcp)
        {
            _depacketizer.PushRtcp(packet);
        }
        else
        {
            _depacketizer.PushRtp(packet, time.GetUtcNow());
        }
    }

    /// <summary>Ends the stream: a frame still being assembled is completed or dropped.</summary>
    public void Flush() => _depacketizer?.Flush();

    public void Dispose() => _depacketizer?.Dispose();
}

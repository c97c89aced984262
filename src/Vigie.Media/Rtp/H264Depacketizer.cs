using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Rtp;

/// <summary>
/// H.264 over RTP, non-interleaved mode (RFC 6184 §6.3, packetization-mode 0 or 1): single NAL unit
/// packets (§5.6), STAP-A (§5.7.1) and FU-A (§5.8). STAP-B, MTAP and FU-B belong to the interleaved mode
/// and are ignored, as §5.2 asks of receivers for types they do not support.
/// </summary>
public sealed class H264Depacketizer : RtpVideoDepacketizer
{
    private const byte FuStart = 0x80;
    private const byte FuEnd = 0x40;

    public H264Depacketizer(ParameterSets initialParameters, IAccessUnitSink sink, DepacketizerOptions options)
        : base(VideoCodec.H264, initialParameters, sink, options)
    {
    }

    protected override FrameDropReason DepacketizePayload(ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return FrameDropReason.MalformedPayload;
        }

        var type = H264Nal.Type(payload[0]);
        switch (type)
        {
            case >= 1 and <= 23:
                return AppendNal(payload);
            case H264Nal.StapA:
                return AppendAggregated(payload[1..]);
            case H264Nal.FuA:
                return AppendFragment(payload);
            default:
                Ignore();
                return FrameDropReason.None;
        }
    }

    private protected override NalRole Classify(ReadOnlySpan<byte> nal) => H264Nal.Type(nal[0]) switch
    {
        H264Nal.IdrSlice => NalRole.KeepKeyframe,
        H264Nal.Sps => NalRole.Sps,
        H264Nal.Pps => NalRole.Pps,

        // Filler data (12) is padding for constant-bitrate links; storing it only wastes disk.
        H264Nal.AccessUnitDelimiter or 12 => NalRole.Discard,
        _ => NalRole.Keep,
    };

    /// <summary>STAP-A body: repeated [16-bit size][NAL unit] (§5.7.1, Figure 7).</summary>
    private FrameDropReason AppendAggregated(ReadOnlySpan<byte> body) =>
        AppendAggregationUnits(body, H264Nal.HeaderLength);

    /// <summary>
    /// FU-A (§5.8): FU indicator (F, NRI, type 28) then FU header (S, E, R, original type). The NAL header
    /// is rebuilt from the indicator's F and NRI and the header's type.
    /// </summary>
    private FrameDropReason AppendFragment(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2)
        {
            return FrameDropReason.MalformedPayload;
        }

        var indicator = payload[0];
        var header = payload[1];
        var data = payload[2..];
        if ((header & FuStart) != 0)
        {
            ReadOnlySpan<byte> nalHeader = [(byte)((indicator & 0xE0) | (header & 0x1F))];
            var begun = BeginFragment(nalHeader, data);

            // S and E together are forbidden (§5.8) but harmless: accept the NAL unit as whole.
            return begun != FrameDropReason.None || (header & FuEnd) == 0 ? begun : ContinueFragment([], end: true);
        }

        return ContinueFragment(data, end: (header & FuEnd) != 0);
    }
}

using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Rtp;

/// <summary>
/// H.265 over RTP (RFC 7798) without decoding-order numbers (sprop-max-don-diff = 0, the camera case):
/// single NAL unit packets (§4.4.1), aggregation packets (AP, §4.4.2) and fragmentation units (FU,
/// §4.4.3). PACI packets (§4.4.4) and reserved types are ignored.
/// </summary>
public sealed class H265Depacketizer : RtpVideoDepacketizer
{
    private const byte FuStart = 0x80;
    private const byte FuEnd = 0x40;

    public H265Depacketizer(ParameterSets initialParameters, IAccessUnitSink sink, DepacketizerOptions options)
        : base(VideoCodec.H265, initialParameters, sink, options)
    {
    }

    protected override FrameDropReason DepacketizePayload(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < H265Nal.HeaderLength)
        {
            return FrameDropReason.MalformedPayload;
        }

        var type = H265Nal.Type(payload[0]);
        switch (type)
        {
            case < H265Nal.AggregationPacket:
                return AppendNal(payload);
            case H265Nal.AggregationPacket:
                return AppendAggregationUnits(payload[H265Nal.HeaderLength..], H265Nal.HeaderLength);
            case H265Nal.FragmentationUnit:
                return AppendFragment(payload);
            default:
                Ignore();
                return FrameDropReason.None;
        }
    }

    private protected override NalRole Classify(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < H265Nal.HeaderLength)
        {
            // Only a fragment can produce this (an FU whose rebuilt header is all there is); nothing to keep.
            return NalRole.Discard;
        }

        var type = H265Nal.Type(nal[0]);
        return type switch
        {
            H265Nal.Vps => NalRole.Vps,
            H265Nal.Sps => NalRole.Sps,
            H265Nal.Pps => NalRole.Pps,

            // Filler data (38) pads constant-bitrate links; storing it only wastes disk.
            H265Nal.AccessUnitDelimiter or 38 => NalRole.Discard,
            _ when H265Nal.IsIrap(type) => NalRole.KeepKeyframe,
            _ => NalRole.Keep,
        };
    }

    /// <summary>
    /// FU (§4.4.3): payload header (type 49, F, LayerId, TID) then FU header (S, E, FuType). The NAL header
    /// is the payload header with its type replaced by FuType.
    /// </summary>
    private FrameDropReason AppendFragment(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < H265Nal.HeaderLength + 1)
        {
            return FrameDropReason.MalformedPayload;
        }

        var header = payload[2];
        var data = payload[3..];
        if ((header & FuStart) != 0)
        {
            ReadOnlySpan<byte> nalHeader = [(byte)((payload[0] & 0x81) | ((header & 0x3F) << 1)), payload[1]];
            var begun = BeginFragment(nalHeader, data);

            // S and E together are forbidden (§4.4.3) but harmless: accept the NAL unit as whole.
            return begun != FrameDropReason.None || (header & FuEnd) == 0 ? begun : ContinueFragment([], end: true);
        }

        return ContinueFragment(data, end: (header & FuEnd) != 0);
    }
}

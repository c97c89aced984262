using System.Collections.Immutable;
using Vigie.Media.Codecs;

namespace Vigie.Media.Rtp;

/// <summary>
/// Out-of-band parameter sets from SDP fmtp attributes: H.264 <c>sprop-parameter-sets</c> (RFC 6184
/// §8.1: comma-separated base64 NAL units) and H.265 <c>sprop-vps</c>, <c>sprop-sps</c>, <c>sprop-pps</c>
/// (RFC 7798 §7.1, same encoding). Each NAL unit is sorted by its own type byte rather than by position,
/// because cameras do not always list SPS before PPS. Input comes from the camera: bad base64 is reported,
/// not thrown.
/// </summary>
public static class SpropParameterSets
{
    /// <summary>Parses <c>sprop-parameter-sets</c>; an empty or missing value gives empty sets.</summary>
    public static bool TryParseH264(string? spropParameterSets, out ParameterSets parameters)
    {
        parameters = new ParameterSets(VideoCodec.H264, [], [], []);
        var sps = ImmutableArray.CreateBuilder<byte[]>();
        var pps = ImmutableArray.CreateBuilder<byte[]>();
        foreach (var nal in Split(spropParameterSets))
        {
            if (nal is null)
            {
                return false;
            }

            var type = H264Nal.Type(nal[0]);
            (type == H264Nal.Sps ? sps : type == H264Nal.Pps ? pps : null)?.Add(nal);
        }

        parameters = new ParameterSets(VideoCodec.H264, [], sps.ToImmutable(), pps.ToImmutable());
        return true;
    }

    /// <summary>Parses the three H.265 attributes; any may be missing (in-band sets will follow).</summary>
    public static bool TryParseH265(string? spropVps, string? spropSps, string? spropPps, out ParameterSets parameters)
    {
        parameters = new ParameterSets(VideoCodec.H265, [], [], []);
        var sets = new[] { ImmutableArray.CreateBuilder<byte[]>(), ImmutableArray.CreateBuilder<byte[]>(), ImmutableArray.CreateBuilder<byte[]>() };
        foreach (var value in (ReadOnlySpan<string?>)[spropVps, spropSps, spropPps])
        {
            foreach (var nal in Split(value))
            {
                if (nal is null || nal.Length < H265Nal.HeaderLength)
                {
                    return false;
                }

                var type = H265Nal.Type(nal[0]);
                if (type is >= H265Nal.Vps and <= H265Nal.Pps)
                {
                    sets[type - H265Nal.Vps].Add(nal);
                }
            }
        }

        parameters = new ParameterSets(VideoCodec.H265, sets[0].ToImmutable(), sets[1].ToImmutable(), sets[2].ToImmutable());
        return true;
    }

    /// <summary>The decoded NAL units of a comma list; a null element marks an undecodable one.</summary>
    private static IEnumerable<byte[]?> Split(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield break;
        }

        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var buffer = new byte[((part.Length + 3) / 4) * 3];
            yield return Convert.TryFromBase64String(part, buffer, out var written) && written > 0 ? buffer[..written] : null;
        }
    }
}

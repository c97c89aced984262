using System.Collections.Immutable;

namespace Vigie.Media.Codecs;

/// <summary>
/// The parameter sets a decoder needs before the first frame: SPS and PPS for H.264 (ISO/IEC 14496-10
/// §7.3.2), plus VPS for H.265 (ITU-T H.265 §7.3.2). Each entry is one NAL unit without start code or
/// length prefix. Immutable: a change (e.g. resolution) produces a new instance, and consumers compare
/// by <see cref="Equals(ParameterSets?)"/> to know when to write a new fMP4 init segment.
/// </summary>
public sealed class ParameterSets : IEquatable<ParameterSets>
{
    private int? _maxReorderFrames;
    private bool _reorderParsed;

    public ParameterSets(VideoCodec codec, ImmutableArray<byte[]> vps, ImmutableArray<byte[]> sps, ImmutableArray<byte[]> pps)
    {
        Codec = codec;
        Vps = vps.IsDefault ? [] : vps;
        Sps = sps.IsDefault ? [] : sps;
        Pps = pps.IsDefault ? [] : pps;
    }

    public VideoCodec Codec { get; }

    /// <summary>H.265 video parameter sets; empty for H.264.</summary>
    public ImmutableArray<byte[]> Vps { get; }

    public ImmutableArray<byte[]> Sps { get; }

    public ImmutableArray<byte[]> Pps { get; }

    /// <summary>
    /// The reorder depth the first SPS states (B-frames: how many frames may arrive before one they are shown
    /// after); null when the SPS does not say or does not parse. Parsed once.
    /// </summary>
    public int? MaxReorderFrames
    {
        get
        {
            if (!_reorderParsed)
            {
                _maxReorderFrames = ParseMaxReorderFrames();
                _reorderParsed = true;
            }

            return _maxReorderFrames;
        }
    }

    /// <summary>True when a decoder can start: H.264 needs SPS and PPS, H.265 also a VPS.</summary>
    public bool IsComplete => Sps.Length > 0 && Pps.Length > 0 && (Codec == VideoCodec.H264 || Vps.Length > 0);

    public bool Equals(ParameterSets? other) =>
        other is not null && other.Codec == Codec && Same(Vps, other.Vps) && Same(Sps, other.Sps) && Same(Pps, other.Pps);

    public override bool Equals(object? obj) => Equals(obj as ParameterSets);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Codec);
        foreach (var set in Sps)
        {
            hash.AddBytes(set);
        }

        return hash.ToHashCode();
    }

    private int? ParseMaxReorderFrames()
    {
        if (Sps.Length == 0)
        {
            return null;
        }

        return Codec == VideoCodec.H264
            ? H264Sps.TryParse(Sps[0], out var avc) ? avc!.MaxReorderFrames : null
            : H265Sps.TryParse(Sps[0], out var hevc) ? hevc!.MaxReorderFrames : null;
    }

    private static bool Same(ImmutableArray<byte[]> a, ImmutableArray<byte[]> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].AsSpan().SequenceEqual(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}

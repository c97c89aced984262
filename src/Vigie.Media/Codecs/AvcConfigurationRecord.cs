using System.Buffers.Binary;

namespace Vigie.Media.Codecs;

/// <summary>
/// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1), the payload of the 'avcC' box in an
/// 'avc1' sample entry. Built once per init segment, so it may allocate.
/// </summary>
public sealed class AvcConfigurationRecord
{
    private AvcConfigurationRecord(byte[] bytes, H264Sps sps)
    {
        Bytes = bytes;
        Sps = sps;
    }

    /// <summary>The record as it goes inside the avcC box (box header excluded).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The first SPS, parsed: gives the track's displayed size.</summary>
    public H264Sps Sps { get; }

    /// <summary>RFC 6381 §3.3 codecs parameter (e.g. "avc1.64001F") for MSE's isTypeSupported/addSourceBuffer.</summary>
    public string CodecString => $"avc1.{Sps.ProfileIdc:X2}{Sps.ConstraintFlags:X2}{Sps.LevelIdc:X2}";

    /// <summary>
    /// Builds the record from H.264 parameter sets. False when they are incomplete, an SPS does not
    /// parse, or a set is too large for the 16-bit length fields / 5-bit and 8-bit counts of §5.3.3.1.1.
    /// </summary>
    public static bool TryCreate(ParameterSets parameters, out AvcConfigurationRecord? record)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        record = null;
        if (parameters.Codec != VideoCodec.H264 || !parameters.IsComplete
            || parameters.Sps.Length > 31 || parameters.Pps.Length > 255
            || !H264Sps.TryParse(parameters.Sps[0], out var sps) || sps is null)
        {
            return false;
        }

        var size = 7;
        foreach (var set in parameters.Sps)
        {
            size += 2 + set.Length;
        }

        foreach (var set in parameters.Pps)
        {
            size += 2 + set.Length;
        }

        // High profiles carry chroma format and bit depths after the PPS list (§5.3.3.1.1).
        var hasExtension = sps.ProfileIdc is 100 or 110 or 122 or 144;
        size += hasExtension ? 4 : 0;

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        span[0] = 1; // configurationVersion
        span[1] = sps.ProfileIdc; // AVCProfileIndication
        span[2] = sps.ConstraintFlags; // profile_compatibility
        span[3] = sps.LevelIdc; // AVCLevelIndication
        span[4] = 0xFC | 3; // reserved '111111' + lengthSizeMinusOne: AccessUnit.Data uses 4-byte lengths
        span[5] = (byte)(0xE0 | parameters.Sps.Length); // reserved '111' + numOfSequenceParameterSets
        var position = 6;
        foreach (var set in parameters.Sps)
        {
            if (!WriteSet(span, ref position, set))
            {
                return false;
            }
        }

        span[position++] = (byte)parameters.Pps.Length;
        foreach (var set in parameters.Pps)
        {
            if (!WriteSet(span, ref position, set))
            {
                return false;
            }
        }

        if (hasExtension)
        {
            span[position++] = (byte)(0xFC | sps.ChromaFormatIdc);
            span[position++] = (byte)(0xF8 | (sps.BitDepthLuma - 8));
            span[position++] = (byte)(0xF8 | (sps.BitDepthChroma - 8));
            span[position++] = 0; // numOfSequenceParameterSetExt
        }

        record = new AvcConfigurationRecord(bytes, sps);
        return true;
    }

    private static bool WriteSet(Span<byte> span, ref int position, byte[] set)
    {
        if (set.Length is 0 or > ushort.MaxValue)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)set.Length);
        set.CopyTo(span[(position + 2)..]);
        position += 2 + set.Length;
        return true;
    }
}

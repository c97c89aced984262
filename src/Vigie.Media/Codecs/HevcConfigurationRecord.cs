using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Vigie.Media.Codecs;

/// <summary>
/// HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 §8.3.3.1), the payload of the 'hvcC' box in an
/// 'hvc1' sample entry. Built once per init segment, so it may allocate.
/// </summary>
public sealed class HevcConfigurationRecord
{
    private const byte VpsNalType = 32;
    private const byte SpsNalType = 33;
    private const byte PpsNalType = 34;

    private HevcConfigurationRecord(byte[] bytes, H265Sps sps)
    {
        Bytes = bytes;
        Sps = sps;
    }

    /// <summary>The record as it goes inside the hvcC box (box header excluded).</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>The first SPS, parsed: gives the track's displayed size.</summary>
    public H265Sps Sps { get; }

    /// <summary>ISO/IEC 14496-15 Annex E codecs parameter (e.g. "hvc1.1.6.L93.B0").</summary>
    public string CodecString
    {
        get
        {
            var builder = new StringBuilder("hvc1.");
            if (Sps.ProfileSpace > 0)
            {
                builder.Append((char)('A' + Sps.ProfileSpace - 1));
            }

            builder.Append(CultureInfo.InvariantCulture, $"{Sps.ProfileIdc}.");
            // Compatibility flags in reverse bit order, hex without leading zeros (Annex E.3).
            var reversed = ReverseBits(Sps.ProfileCompatibilityFlags);
            builder.Append(CultureInfo.InvariantCulture, $"{reversed:X}.{(Sps.TierFlag ? 'H' : 'L')}{Sps.LevelIdc}");
            var lastNonZero = -1;
            for (var i = 0; i < 6; i++)
            {
                if (ConstraintByte(i) != 0)
                {
                    lastNonZero = i;
                }
            }

            for (var i = 0; i <= lastNonZero; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $".{ConstraintByte(i):X2}");
            }

            return builder.ToString();
        }
    }

    /// <summary>
    /// Builds the record from H.265 parameter sets. False when they are incomplete, the SPS does not
    /// parse, or a set is too large for the 16-bit fields of §8.3.3.1.2.
    /// </summary>
    public static bool TryCreate(ParameterSets parameters, out HevcConfigurationRecord? record)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        record = null;
        if (parameters.Codec != VideoCodec.H265 || !parameters.IsComplete
            || !H265Sps.TryParse(parameters.Sps[0], out var sps) || sps is null)
        {
            return false;
        }

        var size = 23;
        foreach (var array in new[] { parameters.Vps, parameters.Sps, parameters.Pps })
        {
            size += 3;
            foreach (var set in array)
            {
                if (set.Length is 0 or > ushort.MaxValue)
                {
                    return false;
                }

                size += 2 + set.Length;
            }
        }

        var bytes = new byte[size];
        var span = bytes.AsSpan();
        span[0] = 1; // configurationVersion
        span[1] = (byte)((sps.ProfileSpace << 6) | (sps.TierFlag ? 0x20 : 0) | sps.ProfileIdc);
        BinaryPrimitives.WriteUInt32BigEndian(span[2..], sps.ProfileCompatibilityFlags);
        BinaryPrimitives.WriteUInt16BigEndian(span[6..], (ushort)(sps.ConstraintIndicatorFlags >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)sps.ConstraintIndicatorFlags);
        span[12] = sps.LevelIdc;
        // reserved '1111' + min_spatial_segmentation_idc = 0 (no indication: the VUI is not parsed).
        BinaryPrimitives.WriteUInt16BigEndian(span[13..], 0xF000);
        span[15] = 0xFC; // reserved '111111' + parallelismType 0 (unknown)
        span[16] = (byte)(0xFC | sps.ChromaFormatIdc);
        span[17] = (byte)(0xF8 | (sps.BitDepthLuma - 8));
        span[18] = (byte)(0xF8 | (sps.BitDepthChroma - 8));
        BinaryPrimitives.WriteUInt16BigEndian(span[19..], 0); // avgFrameRate: unspecified
        // constantFrameRate 0, numTemporalLayers, temporalIdNested, lengthSizeMinusOne 3 (4-byte lengths).
        span[21] = (byte)(((sps.MaxSubLayersMinus1 + 1) << 3) | (sps.TemporalIdNesting ? 0x04u : 0u) | 3);
        span[22] = 3; // numOfArrays: VPS, SPS, PPS
        var position = 23;
        WriteArray(span, ref position, VpsNalType, parameters.Vps);
        WriteArray(span, ref position, SpsNalType, parameters.Sps);
        WriteArray(span, ref position, PpsNalType, parameters.Pps);
        record = new HevcConfigurationRecord(bytes, sps);
        return true;
    }

    private byte ConstraintByte(int index) => (byte)(Sps.ConstraintIndicatorFlags >> (40 - (8 * index)));

    private static uint ReverseBits(uint value)
    {
        uint result = 0;
        for (var i = 0; i < 32; i++)
        {
            result = (result << 1) | ((value >> i) & 1);
        }

        return result;
    }

    private static void WriteArray(Span<byte> span, ref int position, byte nalType, ImmutableArray<byte[]> sets)
    {
        // array_completeness = 1: every set of this type is here, none in band ('hvc1', §8.4.1.1.1).
        span[position++] = (byte)(0x80 | nalType);
        BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)sets.Length);
        position += 2;
        foreach (var set in sets)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[position..], (ushort)set.Length);
            set.CopyTo(span[(position + 2)..]);
            position += 2 + set.Length;
        }
    }
}

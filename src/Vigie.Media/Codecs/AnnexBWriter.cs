using System.Buffers;
using System.Buffers.Binary;
using Vigie.Media.Ingest;

namespace Vigie.Media.Codecs;

/// <summary>
/// Writes access units as an Annex-B byte stream (ITU-T H.264 Annex B, H.265 Annex B): each NAL unit after a
/// four-byte start code, the parameter sets (VPS, SPS, PPS) before a keyframe, so that a decoder fed the stream
/// (ffmpeg reading a pipe) can start at any keyframe.
/// </summary>
public static class AnnexBWriter
{
    private static readonly byte[] StartCode = [0, 0, 0, 1];

    /// <summary>Appends <paramref name="unit"/> to <paramref name="output"/>; false when its length prefixes are broken (nothing then written).</summary>
    public static bool Write(AccessUnit unit, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(output);
        var data = unit.Data.Span;
        if (!WellFormed(data))
        {
            return false;
        }

        if (unit.IsKeyframe)
        {
            foreach (var set in unit.Parameters.Vps.Concat(unit.Parameters.Sps).Concat(unit.Parameters.Pps))
            {
                output.Write(StartCode);
                output.Write(set);
            }
        }

        while (data.Length >= 4)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data);
            output.Write(StartCode);
            output.Write(data.Slice(4, length));
            data = data[(4 + length)..];
        }

        return true;
    }

    private static bool WellFormed(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            if (data.Length < 4)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data);
            if (length == 0 || length > data.Length - 4)
            {
                return false;
            }

            data = data[(4 + (int)length)..];
        }

        return true;
    }
}

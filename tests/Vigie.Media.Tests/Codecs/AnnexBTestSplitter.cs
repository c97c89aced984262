using System.Buffers.Binary;
using System.Collections.Immutable;
using Vigie.Media.Codecs;
using Vigie.Media.Ingest;

namespace Vigie.Media.Tests.Codecs;

/// <summary>
/// Test-side stand-in for the depacketiser: splits an Annex-B byte stream (ISO/IEC 14496-10 Annex B)
/// into NAL units and groups them into access units the way AccessUnit promises (length-prefixed,
/// parameter sets and AUDs moved to ParameterSets). Access-unit boundaries follow §7.4.1.2.3
/// (H.264) and §7.4.2.4.4 (H.265) closely enough for encoder output.
/// </summary>
internal static class AnnexBTestSplitter
{
    public static List<byte[]> SplitNalUnits(ReadOnlySpan<byte> stream)
    {
        var units = new List<byte[]>();
        var start = -1;
        var i = 0;
        while (i + 2 < stream.Length)
        {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1)
            {
                if (start >= 0)
                {
                    units.Add(TrimTrailingZeros(stream[start..i]).ToArray());
                }

                i += 3;
                start = i;
            }
            else
            {
                i++;
            }
        }

        if (start >= 0 && start < stream.Length)
        {
            units.Add(TrimTrailingZeros(stream[start..]).ToArray());
        }

        return units;
    }

    /// <summary>First SPS of the stream.</summary>
    public static byte[] FirstSps(ReadOnlySpan<byte> stream, VideoCodec codec) =>
        SplitNalUnits(stream).First(n => NalType(n, codec) == (codec == VideoCodec.H264 ? 7 : 33));

    /// <summary>Access units with timestamps <paramref name="firstTimestamp"/> + index × <paramref name="frameDuration"/> (90 kHz).</summary>
    public static List<AccessUnit> ToAccessUnits(ReadOnlySpan<byte> stream, VideoCodec codec, long firstTimestamp = 0, int frameDuration = 3600)
    {
        var result = new List<AccessUnit>();
        byte[]? vps = null, sps = null, pps = null;
        ParameterSets? parameters = null;
        var data = new MemoryStream();
        var hasVcl = false;
        var keyframe = false;
        var lengthPrefix = new byte[4];

        void Finish()
        {
            if (!hasVcl)
            {
                return;
            }

            var current = new ParameterSets(codec, vps is null ? [] : [vps], sps is null ? [] : [sps], pps is null ? [] : [pps]);
            parameters = current.Equals(parameters) ? parameters : current;
            result.Add(AccessUnit.Copy(data.ToArray(), codec, firstTimestamp + ((long)result.Count * frameDuration), keyframe, parameters!, null, default));
            data.SetLength(0);
            hasVcl = false;
            keyframe = false;
        }

        foreach (var nal in SplitNalUnits(stream))
        {
            var type = NalType(nal, codec);
            var isVcl = codec == VideoCodec.H264 ? type is >= 1 and <= 5 : type <= 31;
            if (isVcl)
            {
                var firstSliceOfPicture = codec == VideoCodec.H264 ? (nal[1] & 0x80) != 0 : (nal[2] & 0x80) != 0;
                if (firstSliceOfPicture)
                {
                    Finish();
                }

                hasVcl = true;
                keyframe |= codec == VideoCodec.H264 ? type == 5 : type is >= 16 and <= 23;
            }
            else if (StartsAccessUnit(type, codec))
            {
                Finish();
            }

            switch (codec, type)
            {
                case (VideoCodec.H264, 7) or (VideoCodec.H265, 33):
                    sps = nal;
                    continue;
                case (VideoCodec.H264, 8) or (VideoCodec.H265, 34):
                    pps = nal;
                    continue;
                case (VideoCodec.H265, 32):
                    vps = nal;
                    continue;
                case (VideoCodec.H264, 9) or (VideoCodec.H265, 35):
                    continue;
            }

            BinaryPrimitives.WriteInt32BigEndian(lengthPrefix, nal.Length);
            data.Write(lengthPrefix);
            data.Write(nal);
        }

        Finish();
        return result;
    }

    public static void ReleaseAll(IEnumerable<AccessUnit> units)
    {
        foreach (var unit in units)
        {
            unit.Release();
        }
    }

    public static int NalType(byte[] nal, VideoCodec codec) => codec == VideoCodec.H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;

    private static bool StartsAccessUnit(int type, VideoCodec codec) =>
        codec == VideoCodec.H264 ? type is 6 or 7 or 8 or 9 or (>= 14 and <= 18) : type is 32 or 33 or 34 or 35 or 39 or (>= 41 and <= 44);

    private static ReadOnlySpan<byte> TrimTrailingZeros(ReadOnlySpan<byte> nal)
    {
        var end = nal.Length;
        while (end > 0 && nal[end - 1] == 0)
        {
            end--;
        }

        return nal[..end];
    }
}

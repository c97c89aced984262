using System.Buffers.Binary;
using System.Collections.Immutable;
using Vigie.Media.Codecs;

namespace Vigie.Bench.Playback;

/// <summary>
/// Stands in for the RTP depacketiser on an encoder's H.264 Annex-B output (ISO/IEC 14496-10 Annex B):
/// NAL units are cut at their start codes and grouped into pictures (a new picture begins at an AUD,
/// SEI or parameter set, or at a slice whose first_mb_in_slice is 0, §7.4.1.2.3), with SPS/PPS and AUDs
/// taken out into the stream's <see cref="ParameterSets"/> as AccessUnit expects. Enough for x264 output.
/// </summary>
public static class AnnexBSplitter
{
    public static (IReadOnlyList<SourceFrame> Frames, ParameterSets Parameters) Split(ReadOnlySpan<byte> stream)
    {
        var frames = new List<SourceFrame>();
        byte[]? sps = null, pps = null;
        using var picture = new MemoryStream();
        var hasSlice = false;
        var keyframe = false;
        Span<byte> prefix = stackalloc byte[4];

        void Finish()
        {
            if (hasSlice)
            {
                frames.Add(new SourceFrame(picture.ToArray(), keyframe));
            }

            picture.SetLength(0);
            hasSlice = false;
            keyframe = false;
        }

        foreach (var nal in NalUnits(stream))
        {
            var type = nal[0] & 0x1F;
            if (type is >= 1 and <= 5)
            {
                // first_mb_in_slice is ue(v) 0, coded as a single 1 bit, only for a picture's first slice.
                if ((nal[1] & 0x80) != 0)
                {
                    Finish();
                }

                hasSlice = true;
                keyframe |= type == 5;
            }
            else if (type is 6 or 7 or 8 or 9 or (>= 14 and <= 18))
            {
                Finish();
            }

            switch (type)
            {
                case 7:
                    sps ??= nal;
                    continue;
                case 8:
                    pps ??= nal;
                    continue;
                case 9:
                    continue;
            }

            BinaryPrimitives.WriteInt32BigEndian(prefix, nal.Length);
            picture.Write(prefix);
            picture.Write(nal);
        }

        Finish();
        if (sps is null || pps is null)
        {
            throw new InvalidDataException("The source stream has no SPS or PPS: not H.264 Annex B.");
        }

        return (frames, new ParameterSets(VideoCodec.H264, [], ImmutableArray.Create<byte[]>(sps), ImmutableArray.Create<byte[]>(pps)));
    }

    private static List<byte[]> NalUnits(ReadOnlySpan<byte> stream)
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

    /// <summary>The zero before a 4-byte start code belongs to the start code, not to the NAL unit before it.</summary>
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

using System.Buffers.Binary;
using Vigie.Media.Codecs;

namespace Vigie.Media.Tests.Rtp;

/// <summary>
/// A real stream encoded by Debian's ffmpeg (libx264 / libx265), split into access units of NAL units in
/// decode order, the way an encoder hands them to a camera's RTP sender.
/// </summary>
internal sealed class EncodedStream
{
    private EncodedStream(VideoCodec codec, List<List<byte[]>> accessUnits)
    {
        Codec = codec;
        AccessUnits = accessUnits;
    }

    public VideoCodec Codec { get; }

    /// <summary>Each access unit's NAL units, parameter sets and delimiters included.</summary>
    public IReadOnlyList<List<byte[]>> AccessUnits { get; }

    public static EncodedStream Load(string path, VideoCodec codec)
    {
        var accessUnits = new List<List<byte[]>>();
        List<byte[]>? current = null;
        var currentHasPicture = false;
        foreach (var nal in AnnexB.Split(File.ReadAllBytes(path)))
        {
            // A new access unit starts at the first NAL unit after a picture that is not a further slice of
            // that picture: parameter sets, SEI, AUD or the first slice of the next picture (H.264 §7.4.1.2.3).
            var isVcl = IsVcl(codec, nal);
            var startsNew = current is null || (currentHasPicture && (!isVcl || IsFirstSlice(codec, nal)));
            if (startsNew)
            {
                current = [];
                accessUnits.Add(current);
                currentHasPicture = false;
            }

            current!.Add(nal);
            currentHasPicture |= isVcl;
        }

        return new EncodedStream(codec, accessUnits);
    }

    public static bool IsVcl(VideoCodec codec, byte[] nal) =>
        codec == VideoCodec.H264 ? H264Nal.IsSlice(H264Nal.Type(nal[0])) : H265Nal.IsVcl(H265Nal.Type(nal[0]));

    public static bool IsFirstSlice(VideoCodec codec, byte[] nal) =>
        codec == VideoCodec.H264 ? H264Nal.IsFirstSliceOfPicture(nal) : H265Nal.IsFirstSliceOfPicture(nal);

    /// <summary>What the depacketiser must keep in the data: everything but parameter sets and delimiters.</summary>
    public bool IsKeptInData(byte[] nal)
    {
        if (Codec == VideoCodec.H264)
        {
            var type = H264Nal.Type(nal[0]);
            return type is not (H264Nal.Sps or H264Nal.Pps or H264Nal.AccessUnitDelimiter);
        }

        var hevcType = H265Nal.Type(nal[0]);
        return hevcType is not (H265Nal.Vps or H265Nal.Sps or H265Nal.Pps or H265Nal.AccessUnitDelimiter);
    }

    public bool IsKeyframe(List<byte[]> accessUnit) => accessUnit.Exists(nal =>
        Codec == VideoCodec.H264 ? H264Nal.Type(nal[0]) == H264Nal.IdrSlice : H265Nal.IsIrap(H265Nal.Type(nal[0])));

    /// <summary>The NAL units of one access unit in length-prefixed form (4-byte big-endian lengths).</summary>
    public static byte[] LengthPrefixed(IEnumerable<byte[]> nalUnits)
    {
        using var stream = new MemoryStream();
        Span<byte> prefix = stackalloc byte[4];
        foreach (var nal in nalUnits)
        {
            BinaryPrimitives.WriteInt32BigEndian(prefix, nal.Length);
            stream.Write(prefix);
            stream.Write(nal);
        }

        return stream.ToArray();
    }

    /// <summary>Splits length-prefixed data back into NAL units.</summary>
    public static List<byte[]> Unprefix(ReadOnlySpan<byte> data)
    {
        var units = new List<byte[]>();
        while (!data.IsEmpty)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data);
            units.Add(data.Slice(4, length).ToArray());
            data = data[(4 + length)..];
        }

        return units;
    }
}

using System.Buffers.Binary;
using Vigie.Media.Codecs;

namespace Vigie.Media.Recording;

/// <summary>
/// What a recorded fMP4 segment holds, read back from its boxes (ISO/IEC 14496-12): codec and size from
/// moov (stsd sample entry, tkhd), frames, keyframes and duration from every moof's trun (§8.8.8).
/// Used to index segments adopted after a crash, whose writer never reported them.
/// </summary>
public sealed record SegmentFileInfo(VideoCodec Codec, int Width, int Height, int Frames, int Keyframes, long DurationTicks)
{
    private const uint SampleIsNonSync = 0x0001_0000;

    public static SegmentFileInfo? TryRead(string path)
    {
        var bytes = File.ReadAllBytes(path);
        VideoCodec? codec = null;
        int width = 0, height = 0, frames = 0, keyframes = 0;
        long duration = 0;
        uint defaultDuration = 0, defaultFlags = 0;
        Walk(bytes, 0, bytes.Length, (type, body) =>
        {
            switch (type)
            {
                case "tkhd":
                    // version 0: 84 bytes before width; version 1: 96 (§8.3.2).
                    var offset = body[0] == 1 ? 88 : 76;
                    if (body.Length >= offset + 8)
                    {
                        width = (int)(BinaryPrimitives.ReadUInt32BigEndian(body[offset..]) >> 16);
                        height = (int)(BinaryPrimitives.ReadUInt32BigEndian(body[(offset + 4)..]) >> 16);
                    }

                    break;
                case "stsd":
                    if (body.Length >= 16)
                    {
                        var entry = System.Text.Encoding.ASCII.GetString(body.Slice(12, 4));
                        codec = entry switch { "avc1" or "avc3" => VideoCodec.H264, "hvc1" or "hev1" => VideoCodec.H265, _ => codec };
                    }

                    break;
                case "tfhd":
                    ReadTfhd(body, ref defaultDuration, ref defaultFlags);
                    break;
                case "trun":
                    ReadTrun(body, defaultDuration, defaultFlags, ref frames, ref keyframes, ref duration);
                    break;
            }
        });
        return codec is null || frames == 0 ? null : new SegmentFileInfo(codec.Value, width, height, frames, keyframes, duration);
    }

    private static void ReadTfhd(ReadOnlySpan<byte> body, ref uint defaultDuration, ref uint defaultFlags)
    {
        var flags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
        var at = 8;
        at += (flags & 0x1) != 0 ? 8 : 0;
        at += (flags & 0x2) != 0 ? 4 : 0;
        if ((flags & 0x8) != 0 && body.Length >= at + 4)
        {
            defaultDuration = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            at += 4;
        }

        at += (flags & 0x10) != 0 ? 4 : 0;
        if ((flags & 0x20) != 0 && body.Length >= at + 4)
        {
            defaultFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
        }
    }

    private static void ReadTrun(ReadOnlySpan<byte> body, uint defaultDuration, uint defaultFlags, ref int frames, ref int keyframes, ref long duration)
    {
        var flags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        var at = 8 + ((flags & 0x1) != 0 ? 4 : 0);
        uint? firstFlags = null;
        if ((flags & 0x4) != 0)
        {
            firstFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            at += 4;
        }

        for (var i = 0; i < count && at <= body.Length; i++)
        {
            var sampleDuration = defaultDuration;
            var sampleFlags = i == 0 && firstFlags is { } f ? f : defaultFlags;
            if ((flags & 0x100) != 0)
            {
                sampleDuration = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                at += 4;
            }

            at += (flags & 0x200) != 0 ? 4 : 0;
            if ((flags & 0x400) != 0)
            {
                sampleFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                at += 4;
            }

            at += (flags & 0x800) != 0 ? 4 : 0;
            frames++;
            keyframes += (sampleFlags & SampleIsNonSync) == 0 ? 1 : 0;
            duration += sampleDuration;
        }
    }

    private delegate void BoxVisitor(string type, ReadOnlySpan<byte> body);

    /// <summary>Visits boxes depth-first through the containers that lead to tkhd, stsd, tfhd and trun.</summary>
    private static void Walk(ReadOnlySpan<byte> data, int start, int end, BoxVisitor visit)
    {
        var position = start;
        while (position + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var type = System.Text.Encoding.ASCII.GetString(data.Slice(position + 4, 4));
            var header = 8;
            if (size == 1 && position + 16 <= end)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data[(position + 8)..]);
                header = 16;
            }

            if (size < header || position + size > end)
            {
                return;
            }

            var body = data.Slice(position + header, (int)size - header);
            if (type is "moov" or "trak" or "mdia" or "minf" or "stbl" or "moof" or "traf")
            {
                Walk(data, position + header, position + (int)size, visit);
            }
            else
            {
                visit(type, body);
            }

            position += (int)size;
        }
    }
}

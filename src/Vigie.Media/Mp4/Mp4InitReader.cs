using System.Buffers.Binary;
using System.Collections.Immutable;
using Vigie.Media.Codecs;

namespace Vigie.Media.Mp4;

/// <summary>
/// Reads the video track of an init segment's moov: the track header's size (tkhd, §8.3.2), the first sample
/// entry of the sample description (stsd, §8.5.2; a VisualSampleEntry, §12.1.3) and its configuration record
/// (avcC, ISO/IEC 14496-15 §5.3.3; hvcC, §8.3.3). Never throws on bad input.
/// </summary>
public static class Mp4InitReader
{
    /// <summary>Bytes of a VisualSampleEntry before its child boxes (§12.1.3), after the 8-byte box header.</summary>
    private const int VisualSampleEntryFields = 78;

    /// <param name="moov">The moov box's bytes, header included.</param>
    public static bool TryRead(ReadOnlySpan<byte> moov, out Mp4InitInfo? info)
    {
        info = null;
        var trak = Mp4BoxReader.FindPath(moov, Mp4FourCc.Moov, Mp4FourCc.Trak);
        if (trak is not { } trakBox)
        {
            return false;
        }

        var (width, height) = Mp4BoxReader.Find(moov, trakBox.Body, trakBox.End, Mp4FourCc.Tkhd) is { } tkhd
            ? ReadTrackSize(moov.Slice(tkhd.Body, tkhd.BodyLength))
            : (0, 0);
        var stsd = FindStsd(moov, trakBox);
        if (stsd is not { } stsdBox || stsdBox.BodyLength < 16)
        {
            return false;
        }

        // stsd: version/flags, entry_count, then the first sample entry.
        if (!Mp4BoxReader.TryRead(moov, stsdBox.Body + 8, stsdBox.End, out var entry) || entry.Size < 8 + VisualSampleEntryFields)
        {
            return false;
        }

        VideoCodec codec;
        uint recordType;
        switch (entry.Type)
        {
            case Mp4FourCc.Avc1 or Mp4FourCc.Avc3:
                codec = VideoCodec.H264;
                recordType = Mp4FourCc.AvcC;
                break;
            case Mp4FourCc.Hvc1 or Mp4FourCc.Hev1:
                codec = VideoCodec.H265;
                recordType = Mp4FourCc.HvcC;
                break;
            default:
                return false;
        }

        if (Mp4BoxReader.Find(moov, entry.Body + VisualSampleEntryFields, entry.End, recordType) is not { } recordBox)
        {
            return false;
        }

        var record = moov.Slice(recordBox.Body, recordBox.BodyLength);
        var parameters = codec == VideoCodec.H264 ? ParseAvcC(record) : ParseHvcC(record);
        if (parameters is null)
        {
            return false;
        }

        info = new Mp4InitInfo(codec, width, height, parameters);
        return true;
    }

    private static Mp4Box? FindStsd(ReadOnlySpan<byte> moov, Mp4Box trak)
    {
        var mdia = Mp4BoxReader.Find(moov, trak.Body, trak.End, Mp4FourCc.Mdia);
        var minf = mdia is { } a ? Mp4BoxReader.Find(moov, a.Body, a.End, Mp4FourCc.Minf) : null;
        var stbl = minf is { } b ? Mp4BoxReader.Find(moov, b.Body, b.End, Mp4FourCc.Stbl) : null;
        return stbl is { } c ? Mp4BoxReader.Find(moov, c.Body, c.End, Mp4FourCc.Stsd) : null;
    }

    /// <summary>tkhd width and height, 16.16 fixed point: after 76 bytes of fields in version 0, 88 in version 1.</summary>
    private static (int Width, int Height) ReadTrackSize(ReadOnlySpan<byte> body)
    {
        var offset = body.Length > 0 && body[0] == 1 ? 88 : 76;
        return body.Length < offset + 8
            ? (0, 0)
            : ((int)(BinaryPrimitives.ReadUInt32BigEndian(body[offset..]) >> 16), (int)(BinaryPrimitives.ReadUInt32BigEndian(body[(offset + 4)..]) >> 16));
    }

    private static ParameterSets? ParseAvcC(ReadOnlySpan<byte> record)
    {
        if (record.Length < 7)
        {
            return null;
        }

        var at = 5;
        var sps = ReadSets(record, ref at, record[at++] & 0x1F);
        if (sps is null || at >= record.Length)
        {
            return null;
        }

        var pps = ReadSets(record, ref at, record[at++]);
        return pps is null ? null : new ParameterSets(VideoCodec.H264, [], sps.Value, pps.Value);
    }

    private static ParameterSets? ParseHvcC(ReadOnlySpan<byte> record)
    {
        if (record.Length < 23)
        {
            return null;
        }

        ImmutableArray<byte[]> vps = [], sps = [], pps = [];
        var arrays = record[22];
        var at = 23;
        for (var i = 0; i < arrays; i++)
        {
            if (at + 3 > record.Length)
            {
                return null;
            }

            var nalType = record[at] & 0x3F;
            var count = BinaryPrimitives.ReadUInt16BigEndian(record[(at + 1)..]);
            at += 3;
            var sets = ReadSets(record, ref at, count);
            if (sets is null)
            {
                return null;
            }

            switch (nalType)
            {
                case 32: vps = sets.Value; break;
                case 33: sps = sets.Value; break;
                case 34: pps = sets.Value; break;
            }
        }

        return new ParameterSets(VideoCodec.H265, vps, sps, pps);
    }

    private static ImmutableArray<byte[]>? ReadSets(ReadOnlySpan<byte> record, ref int at, int count)
    {
        var sets = ImmutableArray.CreateBuilder<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            if (at + 2 > record.Length)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(record[at..]);
            at += 2;
            if (at + length > record.Length)
            {
                return null;
            }

            sets.Add(record.Slice(at, length).ToArray());
            at += length;
        }

        return sets.MoveToImmutable();
    }
}

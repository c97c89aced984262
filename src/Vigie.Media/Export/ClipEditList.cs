using System.Buffers.Binary;
using Vigie.Media.Mp4;

namespace Vigie.Media.Export;

/// <summary>
/// Adds an edit list (ISO/IEC 14496-12 §8.6.5/§8.6.6, edts + elst version 1, one entry) to the init segment
/// written by <see cref="Mp4.Mp4InitSegmentWriter"/>, right after the track header, and fills its values
/// once the clip is complete. An exported clip must start at a keyframe, which is up to a GOP before the
/// requested instant; the edit list tells players to present the file from the requested instant, so a
/// clip lasts the requested range and not the range plus the lead-in. The values are written as
/// placeholders first (fixed size, 64-bit) and patched in place: the box sizes never change after the
/// fragments are written. The movie header's duration is patched too, for players that read it.
/// </summary>
public static class ClipEditList
{
    private const int EdtsSize = 8 + ElstSize;
    private const int ElstSize = 12 + 4 + 20;

    /// <summary>
    /// The init segment with an empty edts/elst inserted into its trak; <paramref name="elstEntryOffset"/>
    /// is the offset of the entry (segment_duration, media_time) and <paramref name="mvhdDurationOffset"/> the
    /// offset of the mvhd duration (version 0, 32 bits) in the returned bytes.
    /// </summary>
    public static byte[] Insert(ReadOnlySpan<byte> init, out int elstEntryOffset, out int mvhdDurationOffset)
    {
        var moov = Mp4BoxReader.Find(init, 0, init.Length, Mp4FourCc.Moov) ?? throw new InvalidDataException("The init segment has no moov.");
        var mvhd = Mp4BoxReader.Find(init, moov.Body, moov.End, Mp4FourCc.Mvhd) ?? throw new InvalidDataException("The init segment has no mvhd.");
        var trak = Mp4BoxReader.Find(init, moov.Body, moov.End, Mp4FourCc.Trak) ?? throw new InvalidDataException("The init segment has no trak.");
        var tkhd = Mp4BoxReader.Find(init, trak.Body, trak.End, Mp4FourCc.Tkhd) ?? throw new InvalidDataException("The init segment has no tkhd.");
        if (init[mvhd.Body] != 0)
        {
            throw new InvalidDataException("Only a version 0 mvhd is expected here.");
        }

        var output = new byte[init.Length + EdtsSize];
        init[..tkhd.End].CopyTo(output);
        var at = tkhd.End;
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(at), EdtsSize);
        "edts"u8.CopyTo(output.AsSpan(at + 4));
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(at + 8), ElstSize);
        "elst"u8.CopyTo(output.AsSpan(at + 12));
        output[at + 16] = 1; // version 1: 64-bit segment_duration and media_time
        BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(at + 20), 1); // entry_count
        elstEntryOffset = at + 24;
        BinaryPrimitives.WriteInt16BigEndian(output.AsSpan(elstEntryOffset + 16), 1); // media_rate_integer
        init[tkhd.End..].CopyTo(output.AsSpan(tkhd.End + EdtsSize));
        Grow(output, moov.Start);
        Grow(output, trak.Start);

        // mvhd v0 body: version/flags 4, creation 4, modification 4, timescale 4, then duration.
        mvhdDurationOffset = mvhd.Body + 16;
        return output;
    }

    /// <summary>Fills the entry: present <paramref name="presentedTicks"/> (90 kHz) of media from <paramref name="mediaStartTicks"/>.</summary>
    public static void Fill(Span<byte> elstEntry, ulong presentedTicks, ulong mediaStartTicks)
    {
        BinaryPrimitives.WriteUInt64BigEndian(elstEntry, presentedTicks);
        BinaryPrimitives.WriteInt64BigEndian(elstEntry[8..], (long)mediaStartTicks);
    }

    private static void Grow(byte[] bytes, int boxStart) =>
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(boxStart), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(boxStart)) + EdtsSize);
}

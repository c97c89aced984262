using System.Buffers.Binary;

namespace Vigie.Media.Mp4;

/// <summary>
/// Reads a movie fragment's moof (ISO/IEC 14496-12 §8.8): the track fragment header's defaults (tfhd,
/// §8.8.7), the base decode time (tfdt, §8.8.12) and every track run (trun, §8.8.8) with its per-sample
/// durations, sizes, flags and composition offsets (unsigned in version 0, signed in version 1). Only the
/// first track fragment is read: Vigie's files have one video track. Never throws on bad input: a box or
/// field that does not fit, or samples that do not fall inside the fragment's mdat, make the fragment
/// damaged, with the offset of the box at fault.
/// </summary>
public static class Mp4FragmentReader
{
    /// <summary>sample_is_non_sync_sample (§8.8.3.1).</summary>
    private const uint SampleIsNonSync = 0x0001_0000;

    /// <summary>A fragment with more samples is not one of a camera's (Vigie writes at most 1,024).</summary>
    private const uint MaxSamples = 1 << 16;

    /// <param name="moof">The moof box's bytes, header included.</param>
    /// <param name="moofOffset">Where the moof starts in the file.</param>
    /// <param name="mdatBody">First byte of the following mdat's payload in the file.</param>
    /// <param name="mdatEnd">End of that mdat in the file; also the fragment's end.</param>
    /// <param name="damagedAt">When false: the file offset of the box at fault.</param>
    /// <param name="damage">When false: what is wrong.</param>
    public static bool TryRead(ReadOnlySpan<byte> moof, long moofOffset, long mdatBody, long mdatEnd, out RecordedFragment? fragment, out long damagedAt, out string? damage)
    {
        fragment = null;
        damagedAt = moofOffset;
        damage = null;
        if (!Mp4BoxReader.TryRead(moof, 0, moof.Length, out var moofBox) || moofBox.Type != Mp4FourCc.Moof)
        {
            damage = "not a moof box";
            return false;
        }

        var traf = Mp4BoxReader.Find(moof, moofBox.Body, moofBox.End, Mp4FourCc.Traf);
        if (traf is not { } trafBox)
        {
            damage = "moof without a readable traf";
            return false;
        }

        var state = new TrackFragmentState { BaseOffset = moofOffset };
        var samples = new List<RecordedSample>();
        var tfdtValue = -1;
        var sawTfdt = false;
        var walk = new Mp4BoxEnumerator(moof, trafBox.Body, trafBox.End);
        while (walk.MoveNext())
        {
            var box = walk.Current;
            var body = moof.Slice(box.Body, box.BodyLength);
            damagedAt = moofOffset + box.Start;
            switch (box.Type)
            {
                case Mp4FourCc.Tfhd:
                    if (!ReadTfhd(body, ref state))
                    {
                        damage = "tfhd too short for its flags";
                        return false;
                    }

                    break;
                case Mp4FourCc.Tfdt:
                    if (!ReadTfdt(body, out var decodeTime, out var wide))
                    {
                        damage = "tfdt too short";
                        return false;
                    }

                    state.DecodeTime = decodeTime;
                    tfdtValue = wide ? box.Body + 4 : -1;
                    sawTfdt = true;
                    break;
                case Mp4FourCc.Trun:
                    if (!ReadTrun(body, ref state, mdatBody, mdatEnd, samples, out damage))
                    {
                        return false;
                    }

                    break;
            }
        }

        if (walk.DamagedAt >= 0)
        {
            damagedAt = moofOffset + walk.DamagedAt;
            damage = "box inside traf runs past it";
            return false;
        }

        if (!sawTfdt || samples.Count == 0)
        {
            damagedAt = moofOffset + trafBox.Start;
            damage = sawTfdt ? "traf without samples" : "traf without tfdt";
            return false;
        }

        fragment = new RecordedFragment(moofOffset, (int)(mdatEnd - moofOffset), samples[0].DecodeTime, state.DecodeTime - samples[0].DecodeTime, tfdtValue, samples);
        return true;
    }

    private static bool ReadTfhd(ReadOnlySpan<byte> body, ref TrackFragmentState state)
    {
        if (body.Length < 8)
        {
            return false;
        }

        var flags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
        var needed = 8 + ((flags & 0x1) != 0 ? 8 : 0) + ((flags & 0x2) != 0 ? 4 : 0) + ((flags & 0x8) != 0 ? 4 : 0)
            + ((flags & 0x10) != 0 ? 4 : 0) + ((flags & 0x20) != 0 ? 4 : 0);
        if (body.Length < needed)
        {
            return false;
        }

        var at = 8;
        if ((flags & 0x1) != 0)
        {
            state.BaseOffset = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(body[at..]), long.MaxValue);
            at += 8;
        }

        at += (flags & 0x2) != 0 ? 4 : 0; // sample_description_index
        if ((flags & 0x8) != 0)
        {
            state.DefaultDuration = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            at += 4;
        }

        if ((flags & 0x10) != 0)
        {
            state.DefaultSize = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            at += 4;
        }

        if ((flags & 0x20) != 0)
        {
            state.DefaultFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
        }

        return true;
    }

    private static bool ReadTfdt(ReadOnlySpan<byte> body, out ulong decodeTime, out bool wide)
    {
        decodeTime = 0;
        wide = body.Length >= 1 && body[0] == 1;
        if (body.Length < (wide ? 12 : 8))
        {
            return false;
        }

        decodeTime = wide ? BinaryPrimitives.ReadUInt64BigEndian(body[4..]) : BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        return true;
    }

    private static bool ReadTrun(ReadOnlySpan<byte> body, ref TrackFragmentState state, long mdatBody, long mdatEnd, List<RecordedSample> samples, out string? damage)
    {
        damage = null;
        if (body.Length < 8)
        {
            damage = "trun too short";
            return false;
        }

        var version = body[0];
        var flags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
        var count = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        var at = 8;
        var fileOffset = state.NextDataOffset ?? state.BaseOffset;
        if ((flags & 0x1) != 0)
        {
            if (body.Length < at + 4)
            {
                damage = "trun too short for its data offset";
                return false;
            }

            fileOffset = state.BaseOffset + BinaryPrimitives.ReadInt32BigEndian(body[at..]);
            at += 4;
        }

        uint? firstFlags = null;
        if ((flags & 0x4) != 0)
        {
            if (body.Length < at + 4)
            {
                damage = "trun too short for its first sample flags";
                return false;
            }

            firstFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            at += 4;
        }

        var entrySize = ((flags & 0x100) != 0 ? 4 : 0) + ((flags & 0x200) != 0 ? 4 : 0) + ((flags & 0x400) != 0 ? 4 : 0) + ((flags & 0x800) != 0 ? 4 : 0);
        if (count > MaxSamples || (long)at + ((long)entrySize * count) > body.Length)
        {
            damage = $"trun of {count} samples does not fit its box";
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var duration = state.DefaultDuration;
            var size = state.DefaultSize;
            var sampleFlags = i == 0 && firstFlags is { } first ? first : state.DefaultFlags;
            var offset = 0;
            if ((flags & 0x100) != 0)
            {
                duration = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                at += 4;
            }

            if ((flags & 0x200) != 0)
            {
                size = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                at += 4;
            }

            if ((flags & 0x400) != 0)
            {
                sampleFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                at += 4;
            }

            if ((flags & 0x800) != 0)
            {
                // Version 0: unsigned; version 1: signed (§8.8.8.2). Offsets past 2^31 are a broken file either way.
                var raw = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                offset = version == 0 ? (int)Math.Min(raw, int.MaxValue) : unchecked((int)raw);
                at += 4;
            }

            if (fileOffset < mdatBody || size > int.MaxValue || fileOffset + size > mdatEnd)
            {
                damage = $"sample {i} ({size} bytes at {fileOffset}) lies outside the fragment's mdat";
                return false;
            }

            samples.Add(new RecordedSample(fileOffset, (int)size, state.DecodeTime, duration, offset, (sampleFlags & SampleIsNonSync) == 0));
            fileOffset += size;
            state.DecodeTime += duration;
        }

        state.NextDataOffset = fileOffset;
        return true;
    }

    /// <summary>What the boxes of one traf set for the runs that follow them.</summary>
    private struct TrackFragmentState
    {
        public long BaseOffset;
        public long? NextDataOffset;
        public uint DefaultDuration;
        public uint DefaultSize;
        public uint DefaultFlags;
        public ulong DecodeTime;
    }
}

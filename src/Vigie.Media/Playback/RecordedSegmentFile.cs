using System.Buffers.Binary;
using System.Collections.Immutable;
using Microsoft.Win32.SafeHandles;
using Vigie.Media.Codecs;
using Vigie.Media.Mp4;

namespace Vigie.Media.Playback;

/// <summary>
/// The layout of one recorded fMP4 segment (ISO/IEC 14496-12): its init segment (ftyp + moov), the
/// parameter sets of its sample entry (avcC/hvcC, ISO/IEC 14496-15) and every complete fragment with its
/// samples. Reading it costs one small read per box header and one per moof; sample bytes are read only
/// when asked. Playback, snapshots of a recorded instant and clip export all start here.
/// <para>
/// A torn tail (a .part file cut by a crash, a fragment being written) ends the list at the last complete
/// fragment. A file that is not a segment (no moov, no sample entry) raises <see cref="InvalidDataException"/>.
/// </para>
/// </summary>
public sealed class RecordedSegmentFile
{
    private const uint SampleIsNonSync = 0x0001_0000;
    private const int MaxMoovBytes = 1 << 20;
    private const int MaxMoofBytes = 4 << 20;

    private RecordedSegmentFile(string path, byte[] initSegment, ParameterSets parameters, IReadOnlyList<RecordedFragment> fragments)
    {
        Path = path;
        InitSegment = initSegment;
        Parameters = parameters;
        Fragments = fragments;
    }

    public string Path { get; }

    /// <summary>ftyp + moov: what a player needs before the first fragment.</summary>
    public ReadOnlyMemory<byte> InitSegment { get; }

    public ParameterSets Parameters { get; }

    public VideoCodec Codec => Parameters.Codec;

    public IReadOnlyList<RecordedFragment> Fragments { get; }

    /// <summary>Time covered by the fragments, 90 kHz.</summary>
    public ulong Duration => Fragments.Count == 0 ? 0 : Fragments[^1].EndTime;

    public static RecordedSegmentFile Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Read(path, handle);
    }

    public static RecordedSegmentFile Read(string path, SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        var length = RandomAccess.GetLength(handle);
        Span<byte> header = stackalloc byte[16];
        long position = 0;
        long initEnd = -1;
        ParameterSets? parameters = null;
        var fragments = new List<RecordedFragment>();
        while (position + 8 <= length)
        {
            if (!TryReadBoxHeader(handle, position, length, header, out var type, out var size, out var headerSize))
            {
                break;
            }

            if (type == "moov")
            {
                if (size > MaxMoovBytes)
                {
                    throw new InvalidDataException($"{path}: moov of {size} bytes is not a recording's.");
                }

                var moov = ReadExactly(handle, position, (int)size);
                parameters = ParseParameterSets(moov.AsSpan(headerSize));
                initEnd = position + size;
            }
            else if (type == "moof" && parameters is not null)
            {
                if (size > MaxMoofBytes)
                {
                    break;
                }

                var moof = ReadExactly(handle, position, (int)size);
                var mdatAt = position + size;
                if (!TryReadBoxHeader(handle, mdatAt, length, header, out var nextType, out var mdatSize, out _) || nextType != "mdat")
                {
                    break;
                }

                var fragment = ParseFragment(moof, headerSize, position, (int)(size + mdatSize));
                if (fragment is null)
                {
                    break;
                }

                fragments.Add(fragment);
                position = mdatAt + mdatSize;
                continue;
            }

            position += size;
        }

        if (parameters is null || initEnd < 0)
        {
            throw new InvalidDataException($"{path}: no init segment with an avcC or hvcC sample entry.");
        }

        var init = ReadExactly(handle, 0, (int)initEnd);
        return new RecordedSegmentFile(path, init, parameters, fragments);
    }

    /// <summary>Index of the fragment to start playing <paramref name="time"/> (90 kHz from the segment start) from: the last one starting with a keyframe at or before it.</summary>
    public int StartFragmentFor(ulong time)
    {
        var found = -1;
        for (var i = 0; i < Fragments.Count; i++)
        {
            var fragment = Fragments[i];
            if (fragment.DecodeTime > time && found >= 0)
            {
                break;
            }

            if (fragment.StartsWithKeyframe && (fragment.DecodeTime <= time || found < 0))
            {
                found = i;
                if (fragment.DecodeTime > time)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>Reads a whole fragment (moof + mdat) into <paramref name="destination"/>, which must be <see cref="RecordedFragment.Length"/> long.</summary>
    public static void ReadFragment(SafeFileHandle handle, RecordedFragment fragment, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        ReadExactly(handle, fragment.Offset, destination[..fragment.Length]);
    }

    /// <summary>Reads one sample's length-prefixed NAL units.</summary>
    public static void ReadSample(SafeFileHandle handle, RecordedSample sample, Span<byte> destination) =>
        ReadExactly(handle, sample.FileOffset, destination[..sample.Size]);

    /// <summary>Overwrites a fragment's tfdt (version 1) so its samples land at <paramref name="decodeTime"/> on another timeline.</summary>
    public static void Rebase(Span<byte> fragmentBytes, RecordedFragment fragment, ulong decodeTime)
    {
        ArgumentNullException.ThrowIfNull(fragment);
        BinaryPrimitives.WriteUInt64BigEndian(fragmentBytes[fragment.TfdtValueOffset..], decodeTime);
    }

    private static bool TryReadBoxHeader(SafeFileHandle handle, long position, long length, Span<byte> header, out string type, out long size, out int headerSize)
    {
        type = string.Empty;
        size = 0;
        headerSize = 8;
        var available = (int)Math.Min(16, length - position);
        if (available < 8 || RandomAccess.Read(handle, header[..available], position) < 8)
        {
            return false;
        }

        size = BinaryPrimitives.ReadUInt32BigEndian(header);
        type = System.Text.Encoding.ASCII.GetString(header.Slice(4, 4));
        if (size == 1)
        {
            if (available < 16)
            {
                return false;
            }

            size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            headerSize = 16;
        }
        else if (size == 0)
        {
            size = length - position;
        }

        return size >= headerSize && position + size <= length;
    }

    private static byte[] ReadExactly(SafeFileHandle handle, long position, int count)
    {
        var bytes = new byte[count];
        ReadExactly(handle, position, bytes);
        return bytes;
    }

    private static void ReadExactly(SafeFileHandle handle, long position, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[done..], position + done);
            if (read <= 0)
            {
                throw new EndOfStreamException("The segment file ended inside a box.");
            }

            done += read;
        }
    }

    private static RecordedFragment? ParseFragment(byte[] moof, int headerSize, long moofOffset, int fragmentLength)
    {
        int tfdtValue = -1;
        ulong decodeTime = 0;
        uint tfhdFlags = 0, defaultDuration = 0, defaultSize = 0, defaultFlags = 0;
        long baseOffset = moofOffset;
        var samples = new List<RecordedSample>();
        var ok = true;
        Walk(moof, headerSize, moof.Length, (type, bodyStart, bodyEnd) =>
        {
            var body = moof.AsSpan(bodyStart, bodyEnd - bodyStart);
            switch (type)
            {
                case "tfhd":
                    tfhdFlags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
                    var at = 8;
                    if ((tfhdFlags & 0x1) != 0)
                    {
                        baseOffset = (long)BinaryPrimitives.ReadUInt64BigEndian(body[at..]);
                        at += 8;
                    }

                    at += (tfhdFlags & 0x2) != 0 ? 4 : 0;
                    if ((tfhdFlags & 0x8) != 0)
                    {
                        defaultDuration = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                        at += 4;
                    }

                    if ((tfhdFlags & 0x10) != 0)
                    {
                        defaultSize = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                        at += 4;
                    }

                    if ((tfhdFlags & 0x20) != 0)
                    {
                        defaultFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
                    }

                    break;
                case "tfdt":
                    if (body[0] == 1)
                    {
                        decodeTime = BinaryPrimitives.ReadUInt64BigEndian(body[4..]);
                        tfdtValue = bodyStart + 4;
                    }
                    else
                    {
                        // A 32-bit tfdt cannot be rebased in place; recordings always write version 1.
                        decodeTime = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                        ok = false;
                    }

                    break;
                case "trun":
                    ok &= ReadTrun(body, baseOffset, defaultDuration, defaultSize, defaultFlags, decodeTime, samples);
                    break;
            }
        });

        if (!ok || tfdtValue < 0 || samples.Count == 0)
        {
            return null;
        }

        ulong duration = 0;
        foreach (var sample in samples)
        {
            duration += sample.Duration;
        }

        return new RecordedFragment(moofOffset, fragmentLength, decodeTime, duration, tfdtValue, samples);
    }

    private static bool ReadTrun(ReadOnlySpan<byte> body, long baseOffset, uint defaultDuration, uint defaultSize, uint defaultFlags, ulong decodeTime, List<RecordedSample> samples)
    {
        var flags = BinaryPrimitives.ReadUInt32BigEndian(body) & 0xFFFFFF;
        var count = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        var at = 8;
        long dataOffset = 0;
        if ((flags & 0x1) != 0)
        {
            dataOffset = BinaryPrimitives.ReadInt32BigEndian(body[at..]);
            at += 4;
        }

        uint? firstFlags = null;
        if ((flags & 0x4) != 0)
        {
            firstFlags = BinaryPrimitives.ReadUInt32BigEndian(body[at..]);
            at += 4;
        }

        var entrySize = (((flags & 0x100) != 0) ? 4 : 0) + (((flags & 0x200) != 0) ? 4 : 0) + (((flags & 0x400) != 0) ? 4 : 0) + (((flags & 0x800) != 0) ? 4 : 0);
        if (count == 0 || (long)at + ((long)entrySize * count) > body.Length)
        {
            return false;
        }

        var fileOffset = baseOffset + dataOffset;
        var time = decodeTime;
        for (var i = 0; i < count; i++)
        {
            var duration = defaultDuration;
            var size = defaultSize;
            var sampleFlags = i == 0 && firstFlags is { } f ? f : defaultFlags;
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

            at += (flags & 0x800) != 0 ? 4 : 0;
            samples.Add(new RecordedSample(fileOffset, (int)size, time, duration, (sampleFlags & SampleIsNonSync) == 0));
            fileOffset += size;
            time += duration;
        }

        return true;
    }

    private static ParameterSets? ParseParameterSets(ReadOnlySpan<byte> moovBody)
    {
        ParameterSets? found = null;
        var bytes = moovBody.ToArray();
        Walk(bytes, 0, bytes.Length, (type, bodyStart, bodyEnd) =>
        {
            if (type != "stsd" || bodyEnd - bodyStart < 16)
            {
                return;
            }

            // stsd: version/flags, entry_count, then the first VisualSampleEntry (§12.1.3): 8-byte box
            // header and 78 bytes of fields before its child boxes (avcC / hvcC).
            var entryStart = bodyStart + 8;
            var entrySize = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(entryStart));
            var entryType = System.Text.Encoding.ASCII.GetString(bytes, entryStart + 4, 4);
            var entryEnd = Math.Min(bodyEnd, entryStart + entrySize);
            var childrenStart = entryStart + 8 + 78;
            if (childrenStart >= entryEnd)
            {
                return;
            }

            Walk(bytes, childrenStart, entryEnd, (child, start, end) =>
            {
                var record = bytes.AsSpan(start, end - start);
                found = child switch
                {
                    "avcC" when entryType is "avc1" or "avc3" => ParseAvcC(record),
                    "hvcC" when entryType is "hvc1" or "hev1" => ParseHvcC(record),
                    _ => found,
                };
            });
        });
        return found;
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

    private delegate void BoxVisitor(string type, int bodyStart, int bodyEnd);

    /// <summary>Visits the leaf boxes under the containers that lead to stsd and to a traf's boxes.</summary>
    private static void Walk(byte[] data, int start, int end, BoxVisitor visit)
    {
        var position = start;
        while (position + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position));
            var type = System.Text.Encoding.ASCII.GetString(data, position + 4, 4);
            var header = 8;
            if (size == 1 && position + 16 <= end)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(position + 8));
                header = 16;
            }

            if (size < header || position + size > end)
            {
                return;
            }

            if (type is "moov" or "trak" or "mdia" or "minf" or "stbl" or "moof" or "traf")
            {
                Walk(data, position + header, position + (int)size, visit);
            }
            else
            {
                visit(type, position + header, position + (int)size);
            }

            position += (int)size;
        }
    }
}

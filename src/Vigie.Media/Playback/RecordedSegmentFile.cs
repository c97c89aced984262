using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
using Vigie.Media.Codecs;
using Vigie.Media.Mp4;

namespace Vigie.Media.Playback;

/// <summary>
/// One recorded fMP4 segment as playback, snapshots of a recorded instant and clip export use it: its init
/// segment, the parameter sets of its sample entry and every complete fragment with its samples, read by
/// <see cref="Mp4FileReader"/>. Sample bytes are read only when asked.
/// <para>
/// A torn tail (a .part file cut by a crash, a fragment being written) ends the list at the last complete
/// fragment (<see cref="DamagedAt"/> says where). A file that is not a segment (no moov, no sample entry)
/// raises <see cref="InvalidDataException"/> naming the byte at fault.
/// </para>
/// </summary>
public sealed class RecordedSegmentFile
{
    private RecordedSegmentFile(string path, Mp4FileLayout layout, Mp4InitInfo init)
    {
        Path = path;
        InitSegment = layout.InitSegment;
        Parameters = init.Parameters;
        Fragments = layout.Fragments;
        DamagedAt = layout.DamagedAt;
    }

    public string Path { get; }

    /// <summary>ftyp + moov: what a player needs before the first fragment.</summary>
    public ReadOnlyMemory<byte> InitSegment { get; }

    public ParameterSets Parameters { get; }

    public VideoCodec Codec => Parameters.Codec;

    public IReadOnlyList<RecordedFragment> Fragments { get; }

    /// <summary>Where the file stops being whole (a torn tail, or the fragment being written); null when whole.</summary>
    public long? DamagedAt { get; }

    /// <summary>Time covered by the fragments, 90 kHz.</summary>
    public ulong Duration => Fragments.Count == 0 ? 0 : Fragments[^1].EndTime;

    public static RecordedSegmentFile Read(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return Read(path, handle);
    }

    public static RecordedSegmentFile Read(string path, SafeFileHandle handle)
    {
        var layout = Mp4FileReader.Read(handle);
        if (layout.Init is not { } init)
        {
            throw new InvalidDataException($"{path}: not a recording, no readable init segment ({layout.DamageDescription ?? "no moov"}).");
        }

        return new RecordedSegmentFile(path, layout, init);
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
        if (fragment.TfdtValueOffset < 0)
        {
            throw new InvalidDataException("A 32-bit tfdt cannot be rebased in place; Vigie's recordings write version 1.");
        }

        BinaryPrimitives.WriteUInt64BigEndian(fragmentBytes[fragment.TfdtValueOffset..], decodeTime);
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
}

using System.Buffers;
using System.Collections.Immutable;
using Vigie.Media.Codecs;

namespace Vigie.Media.Rtp;

/// <summary>
/// Collects the in-band VPS/SPS/PPS of the frame being assembled and folds them into the sets in force
/// when the frame is emitted. Cameras repeat their parameter sets before every keyframe, so the common
/// case is "same bytes again": that is detected by comparison and costs no allocation; only a real change
/// (new resolution, new encoder settings) builds a new <see cref="ParameterSets"/>.
/// <para>
/// Rule: for each kind seen in the frame, the sets of that kind seen in the frame replace those in
/// force; kinds not seen are kept. Senders that spread several PPS over different frames would keep
/// only the last group (not seen in practice with cameras; noted as a limitation).
/// </para>
/// </summary>
internal sealed class ParameterSetCollector : IDisposable
{
    /// <summary>H.264 allows 32 SPS and 256 PPS ids; a frame carrying more than this is not a camera.</summary>
    private const int MaxEntries = 32;

    private readonly (NalRole Kind, int Offset, int Length)[] _entries = new (NalRole, int, int)[MaxEntries];
    private byte[] _store = ArrayPool<byte>.Shared.Rent(1024);
    private int _storeLength;
    private int _count;

    public void Add(NalRole kind, ReadOnlySpan<byte> nal)
    {
        if (_count == MaxEntries || nal.IsEmpty)
        {
            return;
        }

        if (_storeLength + nal.Length > _store.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_store.Length * 2, _storeLength + nal.Length));
            _store.AsSpan(0, _storeLength).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_store);
            _store = grown;
        }

        nal.CopyTo(_store.AsSpan(_storeLength));
        _entries[_count++] = (kind, _storeLength, nal.Length);
        _storeLength += nal.Length;
    }

    public void Clear()
    {
        _count = 0;
        _storeLength = 0;
    }

    /// <summary>The sets in force after this frame: <paramref name="current"/> itself when nothing changed.</summary>
    public ParameterSets Apply(ParameterSets current)
    {
        if (_count == 0)
        {
            return current;
        }

        var vps = Merge(NalRole.Vps, current.Vps);
        var sps = Merge(NalRole.Sps, current.Sps);
        var pps = Merge(NalRole.Pps, current.Pps);
        if (vps == current.Vps && sps == current.Sps && pps == current.Pps)
        {
            return current;
        }

        return new ParameterSets(current.Codec, vps, sps, pps);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_store);
        _store = [];
        Clear();
    }

    /// <summary>The distinct sets of <paramref name="kind"/> in this frame, or <paramref name="current"/> when identical or absent.</summary>
    private ImmutableArray<byte[]> Merge(NalRole kind, ImmutableArray<byte[]> current)
    {
        var distinct = 0;
        var sameAsCurrent = true;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Kind != kind || IsRepeat(i))
            {
                continue;
            }

            sameAsCurrent &= distinct < current.Length && Span(i).SequenceEqual(current[distinct]);
            distinct++;
        }

        if (distinct == 0 || (sameAsCurrent && distinct == current.Length))
        {
            return current;
        }

        var builder = ImmutableArray.CreateBuilder<byte[]>(distinct);
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Kind == kind && !IsRepeat(i))
            {
                builder.Add(Span(i).ToArray());
            }
        }

        return builder.MoveToImmutable();
    }

    /// <summary>True when entry <paramref name="index"/> repeats an earlier one of the same kind in this frame.</summary>
    private bool IsRepeat(int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (_entries[j].Kind == _entries[index].Kind && Span(j).SequenceEqual(Span(index)))
            {
                return true;
            }
        }

        return false;
    }

    private ReadOnlySpan<byte> Span(int index) => _store.AsSpan(_entries[index].Offset, _entries[index].Length);
}

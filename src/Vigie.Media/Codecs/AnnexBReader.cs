using System.Buffers.Binary;
using System.Collections.Immutable;

namespace Vigie.Media.Codecs;

/// <summary>
/// Splits an H.264 Annex-B byte stream (ISO/IEC 14496-10 Annex B: NAL units after 00 00 01 or
/// 00 00 00 01 start codes) into access units: length-prefixed picture NAL units plus the parameter sets
/// in force. A new access unit starts at an access-unit delimiter or at the first slice of a new picture
/// (§7.4.1.2.3). Incremental: feed bytes as they come (a pipe from ffmpeg) and take complete units.
/// </summary>
public sealed class AnnexBReader
{
    private readonly List<byte[]> _currentNals = [];
    private byte[] _buffer = new byte[64 * 1024];

    /// <summary>Unconsumed bytes are _buffer[_start.._end]; _start is at a start code once one was seen.</summary>
    private int _start;
    private int _end;
    private byte[]? _sps;
    private byte[]? _pps;
    private bool _currentHasSlice;

    /// <summary>A complete access unit: the NAL units of one picture, length-prefixed, and its parameter sets.</summary>
    public sealed record Unit(byte[] LengthPrefixedNalUnits, bool IsKeyframe, ParameterSets Parameters);

    /// <summary>Reads a whole file into access units (for the simulator's looping sources).</summary>
    public static IReadOnlyList<Unit> ReadAll(ReadOnlySpan<byte> stream)
    {
        var reader = new AnnexBReader();
        var units = new List<Unit>();
        reader.Append(stream, units);
        reader.Finish(units);
        return units;
    }

    /// <summary>Appends bytes; complete access units are added to <paramref name="output"/>.</summary>
    public void Append(ReadOnlySpan<byte> bytes, List<Unit> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Reserve(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_end));
        _end += bytes.Length;

        // A NAL unit is complete once the next start code is seen.
        var first = FindStartCode(_start);
        if (first < 0)
        {
            return;
        }

        _start = first;
        while (true)
        {
            var payload = _start + StartCodeLength(_start);
            var next = FindStartCode(payload);
            if (next < 0)
            {
                return;
            }

            AddNal(Slice(payload, next), output);
            _start = next;
        }
    }

    /// <summary>Ends the stream: the last NAL unit and access unit are emitted.</summary>
    public void Finish(List<Unit> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var first = FindStartCode(_start);
        if (first >= 0)
        {
            AddNal(Slice(first + StartCodeLength(first), _end), output);
        }

        _start = _end = 0;
        EmitCurrent(output);
    }

    private void AddNal(byte[] nal, List<Unit> output)
    {
        if (nal.Length == 0)
        {
            return;
        }

        var type = H264Nal.Type(nal[0]);
        if (type == H264Nal.AccessUnitDelimiter || (_currentHasSlice && (H264Nal.IsFirstSliceOfPicture(nal) || type is H264Nal.Sps or H264Nal.Pps or H264Nal.Sei)))
        {
            EmitCurrent(output);
        }

        switch (type)
        {
            case H264Nal.AccessUnitDelimiter:
                return;
            case H264Nal.Sps:
                _sps = nal;
                return;
            case H264Nal.Pps:
                _pps = nal;
                return;
        }

        _currentNals.Add(nal);
        _currentHasSlice |= H264Nal.IsSlice(type);
    }

    private void EmitCurrent(List<Unit> output)
    {
        if (!_currentHasSlice || _sps is null || _pps is null)
        {
            _currentNals.Clear();
            _currentHasSlice = false;
            return;
        }

        var length = _currentNals.Sum(n => n.Length + 4);
        var data = new byte[length];
        var offset = 0;
        var keyframe = false;
        foreach (var nal in _currentNals)
        {
            BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(offset), nal.Length);
            nal.CopyTo(data, offset + 4);
            offset += nal.Length + 4;
            keyframe |= H264Nal.Type(nal[0]) == H264Nal.IdrSlice;
        }

        output.Add(new Unit(data, keyframe, new ParameterSets(VideoCodec.H264, [], ImmutableArray.Create<byte[]>(_sps), ImmutableArray.Create<byte[]>(_pps))));
        _currentNals.Clear();
        _currentHasSlice = false;
    }

    private int FindStartCode(int from)
    {
        var span = _buffer.AsSpan(from, _end - from);
        var at = span.IndexOf((ReadOnlySpan<byte>)[0, 0, 1]);
        if (at < 0)
        {
            return -1;
        }

        var index = from + at;
        return index > from && _buffer[index - 1] == 0 ? index - 1 : index;
    }

    private int StartCodeLength(int at) => _buffer[at + 2] == 1 ? 3 : 4;

    /// <summary>The NAL bytes between two start codes, without the trailing zero bytes of the next one.</summary>
    private byte[] Slice(int start, int end)
    {
        while (end > start && _buffer[end - 1] == 0)
        {
            end--;
        }

        return _buffer.AsSpan(start, end - start).ToArray();
    }

    /// <summary>Makes room for <paramref name="count"/> more bytes, moving the unconsumed tail to the front.</summary>
    private void Reserve(int count)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _end + count));
        }
    }
}

namespace Vigie.Media.Mp4;

/// <summary>
/// Walks the boxes that follow each other in [start, end) of bytes in memory (the children of one container).
/// Stops at the first box that cannot be read (<see cref="Mp4BoxReader.TryRead"/>) and says where:
/// <see cref="DamagedAt"/>. Allocation-free.
/// </summary>
public ref struct Mp4BoxEnumerator
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly int _end;
    private int _position;

    public Mp4BoxEnumerator(ReadOnlySpan<byte> data, int start, int end)
    {
        _data = data;
        _position = start;
        _end = Math.Min(end, data.Length);
    }

    public Mp4Box Current { get; private set; }

    /// <summary>Offset of the box that could not be read; -1 when the walk reached the end cleanly.</summary>
    public int DamagedAt { get; private set; } = -1;

    public readonly Mp4BoxEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_position >= _end || DamagedAt >= 0)
        {
            return false;
        }

        if (!Mp4BoxReader.TryRead(_data, _position, _end, out var box))
        {
            DamagedAt = _position;
            return false;
        }

        Current = box;
        _position = box.End;
        return true;
    }
}

using System.Buffers.Binary;

namespace Vigie.Media.Mp4;

/// <summary>
/// Writes ISO/IEC 14496-12 boxes (§4.2: 32-bit size, four-character type, optional version and flags)
/// big-endian into a caller-provided span. Box sizes are patched when the box ends, so callers nest
/// <see cref="BeginBox"/>/<see cref="EndBox"/> pairs without computing sizes up front. Allocation-free;
/// the caller sizes the span (writing past it throws, which is a bug, not bad input).
/// </summary>
internal ref struct Mp4BoxWriter
{
    private readonly Span<byte> _buffer;

    public Mp4BoxWriter(Span<byte> buffer)
    {
        _buffer = buffer;
    }

    public int Position { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Position];

    /// <summary>Starts a box; returns its offset for <see cref="EndBox"/>.</summary>
    public int BeginBox(ReadOnlySpan<byte> type)
    {
        var start = Position;
        WriteUInt32(0);
        WriteBytes(type);
        return start;
    }

    /// <summary>Starts a FullBox (§4.2.2): one byte of version and 24 bits of flags after the type.</summary>
    public int BeginFullBox(ReadOnlySpan<byte> type, byte version, uint flags)
    {
        var start = BeginBox(type);
        WriteUInt32(((uint)version << 24) | (flags & 0xFFFFFF));
        return start;
    }

    public readonly void EndBox(int start) =>
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[start..], (uint)(Position - start));

    public void WriteUInt8(byte value) => _buffer[Position++] = value;

    public void WriteUInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[Position..], value);
        Position += 2;
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[Position..], value);
        Position += 4;
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer[Position..], value);
        Position += 8;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[Position..]);
        Position += bytes.Length;
    }

    public void WriteZeros(int count)
    {
        _buffer.Slice(Position, count).Clear();
        Position += count;
    }

    /// <summary>The unity transformation matrix of mvhd/tkhd (§8.2.2.3): 16.16 and 2.30 fixed point.</summary>
    public void WriteUnityMatrix()
    {
        WriteUInt32(0x00010000);
        WriteUInt32(0);
        WriteUInt32(0);
        WriteUInt32(0);
        WriteUInt32(0x00010000);
        WriteUInt32(0);
        WriteUInt32(0);
        WriteUInt32(0);
        WriteUInt32(0x40000000);
    }
}

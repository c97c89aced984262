using System.Buffers;
using System.Buffers.Binary;

namespace Vigie.Media.Simulator;

/// <summary>
/// The RTP packets of one frame (or one RTCP report), written once and shared by every client of a
/// simulated camera: stored back to back as [2-byte length][packet] in one pooled buffer, reference
/// counted so the last client to send it returns the buffer.
/// </summary>
public sealed class PacketBatch
{
    private byte[]? _buffer;
    private int _length;
    private int _references = 1;

    public PacketBatch(int capacity, bool isKeyframe, bool isRtcp)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        IsKeyframe = isKeyframe;
        IsRtcp = isRtcp;
    }

    public bool IsKeyframe { get; }

    /// <summary>True for a sender report (channel 1 / the RTCP port), false for RTP media.</summary>
    public bool IsRtcp { get; }

    public int PacketCount { get; private set; }

    public int Length => _length;

    public void Add(ReadOnlySpan<byte> packet)
    {
        var buffer = _buffer ?? throw new ObjectDisposedException(nameof(PacketBatch));
        if (_length + 2 + packet.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, _length + 2 + packet.Length));
            buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            _buffer = buffer = larger;
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(_length), (ushort)packet.Length);
        packet.CopyTo(buffer.AsSpan(_length + 2));
        _length += 2 + packet.Length;
        PacketCount++;
    }

    /// <summary>Each packet in order; valid until <see cref="Release"/>.</summary>
    public Enumerator GetEnumerator() => new(new ReadOnlyMemory<byte>(_buffer ?? throw new ObjectDisposedException(nameof(PacketBatch)), 0, _length));

    public PacketBatch Retain()
    {
        Interlocked.Increment(ref _references);
        return this;
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0 && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public struct Enumerator(ReadOnlyMemory<byte> data)
    {
        private int _offset;

        public ReadOnlyMemory<byte> Current { get; private set; }

        public bool MoveNext()
        {
            if (_offset + 2 > data.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Span[_offset..]);
            Current = data.Slice(_offset + 2, length);
            _offset += 2 + length;
            return true;
        }
    }
}

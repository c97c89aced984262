using Vigie.Media.Ingest;
using System.Buffers.Binary;

namespace Vigie.Media.Rtp;

/// <summary>
/// The frame being assembled, in length-prefixed form (4-byte big-endian length before each NAL unit,
/// ISO/IEC 14496-15 §5.3.3), in a <see cref="FrameBufferPool"/> buffer that grows by the pool's size steps up to a cap.
/// On emission the array is handed to the <see cref="Ingest.AccessUnit"/> (which returns it to the pool)
/// and a new one is rented lazily, so steady-state assembly allocates nothing.
/// <para>
/// The first rent of a frame is sized after the last inter frame (most frames are inter frames of about
/// the same size): a frame kept for 10 s in the pre-alarm buffer then holds an array at most twice its
/// size, where a fixed 64 KB start made a 10 kB frame hold 64 KB. Keyframes grow step by step (a few
/// copies of a few tens of kB, once a second).
/// </para>
/// </summary>
internal sealed class FrameBuffer : IDisposable
{
    public const int LengthPrefixSize = 4;

    private const int InitialSize = 16 * 1024;

    private const int MinimumSize = 1024;

    private readonly int _cap;
    private byte[]? _buffer;
    private int _typicalSize = InitialSize;

    public FrameBuffer(int cap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cap, LengthPrefixSize + 1);
        _cap = cap;
    }

    public int Length { get; private set; }

    public Span<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Appends bytes; false (and nothing written) when the frame would exceed the cap.</summary>
    public bool TryAppend(ReadOnlySpan<byte> data)
    {
        if (!TryReserve(data.Length))
        {
            return false;
        }

        data.CopyTo(_buffer.AsSpan(Length));
        Length += data.Length;
        return true;
    }

    /// <summary>Appends a length prefix to be patched by <see cref="PatchLengthPrefix"/>; returns its offset.</summary>
    public bool TryAppendLengthPrefix(int value, out int offset)
    {
        offset = Length;
        if (!TryReserve(LengthPrefixSize))
        {
            return false;
        }

        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(Length), value);
        Length += LengthPrefixSize;
        return true;
    }

    /// <summary>Sets the prefix at <paramref name="offset"/> to the number of bytes written after it.</summary>
    public void PatchLengthPrefix(int offset) =>
        BinaryPrimitives.WriteInt32BigEndian(_buffer.AsSpan(offset), Length - offset - LengthPrefixSize);

    public void Truncate(int length) => Length = length;

    /// <summary>
    /// Gives up the array and its length; the caller now owns the pooled array. The size of an inter frame
    /// (<paramref name="isKeyframe"/> false) sets the first rent of the next frame.
    /// </summary>
    public byte[] Detach(bool isKeyframe, out int length)
    {
        var buffer = _buffer ?? FrameBufferPool.Instance.Rent(1);
        length = Length;
        if (!isKeyframe)
        {
            _typicalSize = Math.Max(MinimumSize, Length);
        }

        _buffer = null;
        Length = 0;
        return buffer;
    }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            FrameBufferPool.Instance.Return(_buffer);
            _buffer = null;
        }

        Length = 0;
    }

    private bool TryReserve(int count)
    {
        var needed = Length + count;
        if (needed > _cap)
        {
            return false;
        }

        if (_buffer is null)
        {
            _buffer = FrameBufferPool.Instance.Rent(Math.Max(Math.Min(_typicalSize, _cap), needed));
        }
        else if (needed > _buffer.Length)
        {
            // Grow by the pool's next size step (1.5× or 2×), or at once to what is needed.
            var grown = FrameBufferPool.Instance.Rent((int)Math.Min(Math.Max(FrameBufferPool.SizeFor(_buffer.Length + 1), needed), _cap));
            _buffer.AsSpan(0, Length).CopyTo(grown);
            FrameBufferPool.Instance.Return(_buffer);
            _buffer = grown;
        }

        return true;
    }
}
